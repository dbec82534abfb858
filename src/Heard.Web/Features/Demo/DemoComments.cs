using System.Text;
using Heard.Analysis.Fft;

namespace Heard.Web.Features.Demo;

/// <summary>What the person felt overall, which decides whether a comment praises, grumbles or does both.</summary>
internal enum CommentTone { Positive, MildlyPositive, Mixed, Negative, VeryNegative, Unsure }

/// <summary>Who and what one demo comment is about.</summary>
/// <param name="FocusTheme">A theme the unit is known for just now (e.g. staffing on a ward in trouble).</param>
/// <param name="FocusChance">How likely a complaint in this comment is about <paramref name="FocusTheme"/>.</param>
/// <param name="PraiseFocusChance">How likely praise is about <paramref name="FocusTheme"/> (after an improvement).</param>
internal sealed record CommentContext(
    string Setting,
    CommentTone Tone,
    bool ForChildren,
    bool Neonatal,
    string UnitName,
    string? FocusTheme = null,
    double FocusChance = 0,
    double PraiseFocusChance = 0);

/// <summary>
/// Writes FFT free-text answers for the demo from clauses written for this project, so that there are thousands of
/// different, natural comments that agree with the rating given and fall into the themes patient experience teams
/// see every month. Clauses are lower-case independent clauses with slots: {staff}, {place}, {who}, {whom}, {whose},
/// {hours}, {minutes}. A clause marked "S|" only reads right in the patient's own voice, "R|" only in a relative's.
/// </summary>
internal static class DemoComments
{
    /// <summary>
    /// A few comments that raise safeguarding alerts, placed in the demo's last month so a newcomer sees the alert list
    /// working. No commas or quotes, so they need no quoting in the file.
    /// </summary>
    public static readonly (int Answer, string Text)[] SafeguardingExamples =
    [
        (4, "The nurses were lovely but I told one I have been feeling suicidal since my diagnosis and nobody came back to talk to me"),
        (5, "Another patient shouted and pushed my mum in the day room and she was too frightened to tell anyone"),
        (5, "Dad was given the wrong medication twice in one week and we only found out by chance"),
    ];

    private const string Inpatient = "inpatient", Emergency = "ae", Outpatient = "outpatient", Community = "community",
        Antenatal = "antenatal", Birth = "birth", Postnatal = "postnatal", PostnatalCommunity = "pncommunity",
        Maternity = "antenatal,birth,postnatal,pncommunity";

    private static string GroupOf(string setting) => setting switch
    {
        FftSettings.AccidentAndEmergency => Emergency,
        FftSettings.Outpatient => Outpatient,
        FftSettings.Community => Community,
        FftSettings.MaternityAntenatal => Antenatal,
        FftSettings.MaternityBirth => Birth,
        FftSettings.MaternityPostnatalWard => Postnatal,
        FftSettings.MaternityPostnatalCommunity => PostnatalCommunity,
        _ => Inpatient,
    };

    private sealed record Voice(string Who, string Whom, string Whose, bool Self);

    private sealed class Theme(string key)
    {
        public string Key { get; } = key;
        public Dictionary<string, double> Weights { get; } = new(StringComparer.Ordinal);
        private readonly List<(string Groups, string Clause)> _praise = [];
        private readonly List<(string Groups, string Clause)> _gripes = [];
        private readonly Dictionary<(string, bool, bool), string[]> _cache = new();

        public Theme Weight(string groups, double weight)
        {
            foreach (var g in groups.Split(',')) Weights[g] = weight;
            return this;
        }

        public Theme Praise(string groups, params string[] clauses)
        {
            foreach (var c in clauses) _praise.Add((groups, c));
            return this;
        }

        public Theme Gripe(string groups, params string[] clauses)
        {
            foreach (var c in clauses) _gripes.Add((groups, c));
            return this;
        }

        public string[] Clauses(string group, bool praise, bool self)
        {
            lock (_cache)
            {
                if (_cache.TryGetValue((group, praise, self), out var found)) return found;
                var list = (praise ? _praise : _gripes)
                    .Where(c => c.Groups == "*" || c.Groups.Split(',').Contains(group))
                    .Select(c => c.Clause)
                    .Where(c => self ? !c.StartsWith("R|", StringComparison.Ordinal) : !c.StartsWith("S|", StringComparison.Ordinal))
                    .Select(c => c.Length > 2 && c[1] == '|' ? c[2..] : c)
                    .ToArray();
                _cache[(group, praise, self)] = list;
                return list;
            }
        }
    }

    private static readonly Theme[] Themes = BuildThemes();

    private static Theme[] BuildThemes() =>
    [
        new Theme("kindness")
            .Weight("inpatient,community,birth", 5).Weight("ae,outpatient,antenatal,postnatal,pncommunity", 4)
            .Praise("*",
                "{staff} were kind, caring and patient",
                "every member of staff treated {whom} with kindness and respect",
                "{staff} went above and beyond",
                "nothing was too much trouble for {staff}",
                "{staff} were friendly and made {whom} feel at ease",
                "{staff} were calm and reassuring throughout",
                "{staff} always had a smile even though they were so busy",
                "everyone {who} met was polite and welcoming",
                "{staff} were genuinely lovely people",
                "{who} was treated like a person, not a number",
                "{staff} were so compassionate",
                "{staff} were brilliant from start to finish",
                "the kindness shown to {whom} was second to none",
                "{staff} couldn't have been more helpful",
                "the whole team were warm and approachable")
            .Praise(Inpatient,
                "everyone from the cleaners to the consultant was lovely",
                "the night staff were especially kind",
                "{staff} took time to sit and chat with {whom}",
                "R|{staff} cared for {whom} like one of their own family",
                "the healthcare assistants were fantastic")
            .Praise(Emergency,
                "the triage nurse was lovely and very reassuring",
                "S|{staff} were kind even though I was frightened",
                "the reception staff were friendly and helpful",
                "the paramedics and the A&E staff were brilliant")
            .Praise(Outpatient,
                "the receptionist was welcoming and helpful",
                "the consultant was kind and took time with {whom}",
                "the volunteers on the front desk were really helpful")
            .Praise(Community,
                "the nurses who visit are like friends now",
                "{staff} are always cheerful and respectful in {whose} home",
                "{staff} treat {whom} with such respect")
            .Praise(Maternity,
                "the midwives were amazing",
                "S|I felt safe and looked after by the midwives",
                "the student midwife was brilliant")
            .Praise(Birth,
                "the midwife who delivered our baby was calm and reassuring",
                "S|the midwives made me believe I could do it",
                "our midwife stayed past the end of her shift to see our baby born")
            .Praise(Postnatal, "S|the midwives were so kind when I was struggling")
            .Gripe("*",
                "some of the staff were quite abrupt",
                "nobody introduced themselves",
                "{who} felt like a nuisance for asking for anything",
                "one member of staff was rude and dismissive",
                "{staff} seemed more interested in chatting to each other than to patients",
                "the attitude of some staff left a lot to be desired",
                "{who} was spoken to in a patronising way",
                "nobody seemed to care")
            .Gripe(Inpatient,
                "the night staff were short with {whom}",
                "{who} was told off for pressing the buzzer",
                "staff talked across the bed as if {who} wasn't there")
            .Gripe(Emergency,
                "the doctor was dismissive and didn't examine {whom} properly",
                "the reception staff were rude")
            .Gripe(Outpatient, "the receptionist was unhelpful and quite rude", "the consultant was cold and hardly looked up")
            .Gripe(Community, "one of the nurses was very brusque and in a hurry to leave")
            .Gripe(Maternity,
                "S|one midwife was very unkind when I asked for help",
                "S|I felt judged by some of the midwives",
                "the midwives seemed rushed and impatient"),

        new Theme("communication")
            .Weight("inpatient,outpatient,antenatal", 3).Weight("ae,community,birth", 2).Weight("postnatal,pncommunity", 1.5)
            .Praise("*",
                "everything was explained clearly at every stage",
                "the doctor took time to explain things in a way {who} could understand",
                "{staff} kept {whom} informed about what was happening",
                "{who} always knew what was happening next",
                "questions were answered honestly and patiently",
                "the information {who} was given was clear and useful",
                "{who} was never made to feel silly for asking questions",
                "{staff} explained the plan clearly")
            .Praise(Inpatient,
                "R|the family were kept updated",
                "R|{staff} phoned the family with updates every day",
                "the doctors explained the results on the ward round")
            .Praise(Outpatient,
                "the results were explained clearly",
                "{who} left the appointment knowing exactly what happens next",
                "the follow-up letter was clear and arrived quickly",
                "the consultant was honest and straightforward")
            .Praise(Emergency, "{who} was kept updated on the wait and what was happening", "the advice on leaving was clear")
            .Praise(Community, "{staff} explained how to look after the dressing between visits")
            .Praise(Antenatal, "the midwife explained all the tests and scans clearly", "S|I always knew who to call if I was worried")
            .Praise(Birth,
                "S|the midwives explained everything during labour so I never felt out of control",
                "the doctor explained calmly why a caesarean was needed")
            .Gripe("*",
                "nobody told {whom} what was going on",
                "{who} was given conflicting information by different staff",
                "{who} had to repeat the same information several times",
                "medical jargon was used and nobody checked {who} understood",
                "the information given was confusing",
                "{who} was left not knowing what was happening",
                "questions went unanswered")
            .Gripe(Inpatient,
                "R|it was impossible to get through on the phone to the ward",
                "R|the family were not told when {who} was moved to another ward",
                "R|nobody rang the family when {who} took a turn for the worse",
                "the plan changed every day and nobody explained why")
            .Gripe(Outpatient,
                "the results were not explained properly",
                "the letter with the appointment details arrived after the date",
                "the doctor didn't seem to have read {whose} notes")
            .Gripe(Emergency,
                "there was no information about how long the wait would be",
                "{who} was sent home without being told what was wrong")
            .Gripe(Community,
                "the team never let {whom} know when they were coming",
                "messages left with the office were not passed on")
            .Gripe(Maternity,
                "S|I was given conflicting advice by different midwives",
                "S|I didn't know who to call when I was worried")
            .Gripe(Birth, "S|nobody explained why I needed to be induced"),

        new Theme("waiting")
            .Weight(Emergency, 5).Weight("outpatient", 3).Weight(Antenatal, 2).Weight("inpatient", 1.5)
            .Weight(Birth, 1).Weight(Postnatal, 0.8).Weight(Community, 0.6)
            .Praise(Emergency,
                "{who} was seen quickly considering how busy it was",
                "triage was quick",
                "the wait was much shorter than expected",
                "{who} was in and out in under two hours",
                "{who} was seen within the hour",
                "S|I was assessed straight away",
                "the X-ray and results were done quickly")
            .Praise(Outpatient,
                "{who} was seen on time",
                "the clinic ran to time",
                "{who} barely had to wait",
                "{who} was in and out within half an hour",
                "{who} was called in a few minutes early")
            .Praise(Inpatient,
                "{who} didn't have to wait long for a bed",
                "tests and scans were done promptly",
                "{who} went to theatre on time")
            .Praise(Community, "{who} was referred and seen within a week", "the first visit came quickly after the referral")
            .Praise(Antenatal, "the scans always ran to time", "S|I was seen quickly in triage")
            .Praise(Birth, "S|I was seen quickly when I arrived in labour", "S|the epidural came quickly when I asked for it")
            .Praise(Postnatal, "the baby checks were done quickly so we could go home")
            .Gripe(Emergency,
                "{who} waited {hours} to be seen",
                "the wait to be triaged was far too long",
                "{who} sat in the waiting room for {hours} in pain",
                "{who} spent the night on a trolley in a corridor",
                "the waiting room was overcrowded and there weren't enough seats",
                "{who} waited {hours} for a bed on a ward",
                "the wait for an X-ray took longer than the rest of the visit",
                "there was no sign of how long the wait would be")
            .Gripe(Outpatient,
                "the clinic was running over an hour late and nobody said why",
                "{who} waited {hours} past the appointment time",
                "it took months to get an appointment",
                "{who} was kept waiting in a gown for ages",
                "the clinic was running late again",
                "the waiting area was packed because the clinic was so far behind")
            .Gripe(Inpatient,
                "{who} waited all day for a scan",
                "{who} was nil by mouth all day waiting for theatre and then it was cancelled",
                "{who} waited {hours} for a bed on the ward",
                "{who} waited days for the results of tests")
            .Gripe(Community, "{who} waited weeks for the first visit", "the referral took far too long")
            .Gripe(Antenatal,
                "the antenatal clinic always runs late",
                "S|I waited {hours} in triage with reduced movements",
                "the glucose test appointment ran very late")
            .Gripe(Birth,
                "S|I waited days to be induced",
                "S|there was a long wait for an epidural",
                "S|I waited {hours} for a room on the delivery suite")
            .Gripe(Postnatal,
                "S|we waited all day for the baby checks before we could go home",
                "the wait for the discharge paperwork was very long"),

        new Theme("food")
            .Weight(Inpatient, 2).Weight(Postnatal, 1.2).Weight(Birth, 0.6)
            .Praise("*",
                "the food was surprisingly good",
                "there was a good choice of meals",
                "{staff} made sure {who} always had a drink within reach",
                "the hot meals were tasty and well presented",
                "they found {whom} something to eat even though {who} missed the meal round",
                "the tea trolley was a highlight of the day",
                "{staff} helped {whom} at mealtimes and made sure {who} ate something",
                "the volunteers who help at mealtimes are wonderful",
                "snacks were available whenever {who} was hungry")
            .Praise("birth,postnatal",
                "S|the tea and toast after the birth was the best I've ever had",
                "S|there were snacks for breastfeeding mums at night")
            .Gripe("*",
                "the food was cold by the time it arrived",
                "there was little choice for vegetarians",
                "{who} was left without a drink for hours",
                "meals were left out of reach and taken away uneaten",
                "R|nobody helped {whom} to eat even though {who} couldn't manage without help",
                "the portions were tiny",
                "the food was bland and overcooked",
                "there was nothing suitable for {whose} diet",
                "{who} missed meals because of tests and nothing was kept back",
                "the water jug was never refilled")
            .Gripe("birth,postnatal",
                "S|there was nothing to eat after the birth in the middle of the night",
                "the food on the postnatal ward was poor"),

        new Theme("cleanliness")
            .Weight(Inpatient, 1.5).Weight("ae,birth", 1).Weight(Postnatal, 1).Weight(Outpatient, 0.6).Weight(Antenatal, 0.5)
            .Praise("*",
                "{place} was spotless",
                "everywhere was very clean and tidy",
                "the cleaners worked hard all day",
                "{staff} always washed their hands and used gloves",
                "the toilets were kept clean",
                "it was obvious how much effort goes into keeping {place} clean")
            .Gripe("*",
                "the toilets were dirty",
                "{place} looked tired and grubby",
                "the bins were overflowing",
                "there was no soap or paper towels in the toilets")
            .Gripe("inpatient,birth,postnatal",
                "the bathroom wasn't cleaned for days",
                "there was dust and rubbish under the bed")
            .Gripe("ae,outpatient,antenatal", "the waiting room floor was filthy")
            .Gripe(Emergency, "there was blood left on the floor of the cubicle"),

        new Theme("noise")
            .Weight(Inpatient, 1.2).Weight(Postnatal, 1.2)
            .Praise("*",
                "it was quiet at night so {who} managed to sleep",
                "{staff} kept the noise down at night",
                "the lights were dimmed at night which helped {whom} sleep",
                "{who} was given earplugs and an eye mask which really helped")
            .Gripe("*",
                "it was impossible to sleep with the noise at night",
                "staff were chatting loudly at the nurses' station all night",
                "the lights were left on all night",
                "doors and bins banged all night",
                "the machines beeped constantly and nobody came to turn them off")
            .Gripe(Inpatient, "another patient shouted all night and nothing was done")
            .Gripe(Postnatal, "S|with four babies in the bay I didn't sleep at all"),

        new Theme("parking")
            .Weight(Outpatient, 2).Weight(Antenatal, 1.5).Weight(Emergency, 0.8).Weight(Birth, 0.6).Weight(Inpatient, 0.5)
            .Praise("*",
                "parking was easy",
                "there were plenty of parking spaces",
                "the parking charges were reasonable",
                "the car park was close to the entrance")
            .Praise("outpatient,antenatal", "the free parking for blue badge holders was a help")
            .Gripe("*",
                "parking was a nightmare",
                "the car park is far too expensive",
                "the pay machines didn't work",
                "there are not enough disabled spaces near the entrance",
                "the car park was full so {who} had to park on a side street")
            .Gripe("outpatient,antenatal", "{who} spent half an hour looking for a space and nearly missed the appointment")
            .Gripe(Inpatient, "parking charges for visitors are far too high"),

        new Theme("discharge")
            .Weight(Postnatal, 2).Weight(Inpatient, 1.5)
            .Praise("*",
                "discharge was well organised",
                "the discharge plan was explained clearly",
                "{who} was given all the information needed to manage at home",
                "the follow-up was arranged before {who} left",
                "{staff} made sure everything was in place before {who} went home",
                "going home was smooth and well planned",
                "the discharge date was agreed early so everyone could plan")
            .Gripe("*",
                "{who} waited all day to be discharged",
                "{who} was sent home without any information about follow-up",
                "{who} was discharged late at night with no way to get home",
                "the discharge was rushed and nobody checked there was support at home",
                "the discharge letter had mistakes in it",
                "{who} waited hours for the medication to take home",
                "R|the family were told about the discharge at the last minute",
                "the discharge kept being put back with no explanation")
            .Gripe(Postnatal, "S|we were ready to go home by lunchtime but weren't discharged until late evening"),

        new Theme("pain")
            .Weight(Birth, 2).Weight("inpatient,ae", 1)
            .Praise("inpatient,ae",
                "pain relief was given quickly",
                "{staff} checked regularly that {who} was comfortable",
                "{whose} pain was well managed",
                "{who} was offered pain relief before even asking")
            .Praise(Inpatient, "the pain team were excellent")
            .Praise(Emergency, "{who} was given pain relief in triage which made the wait bearable")
            .Praise(Birth,
                "S|my choices about pain relief were respected",
                "S|the gas and air and the birthing pool really helped")
            .Gripe("inpatient,ae",
                "{who} was left in pain for hours",
                "pain relief was late and {who} had to keep asking",
                "nobody checked whether the painkillers were working",
                "{whose} pain was not taken seriously")
            .Gripe(Inpatient,
                "{who} was told to wait for the drug round despite being in agony",
                "{who} went all night without proper pain relief",
                "the pain relief wore off and it took ages to get more",
                "{who} was in too much pain to do the physio and nobody sorted it out")
            .Gripe(Emergency, "{who} was in agony in the waiting room and was not offered any pain relief")
            .Gripe(Birth,
                "S|my requests for pain relief were ignored",
                "S|I was told it was too late for an epidural after asking for hours"),

        new Theme("involvement")
            .Weight(Birth, 2).Weight("community", 1.5).Weight("outpatient,antenatal", 1.2).Weight("inpatient,pncommunity", 1).Weight(Emergency, 0.6)
            .Praise("*",
                "{who} felt listened to",
                "{who} was involved in every decision",
                "{whose} wishes were respected",
                "{who} never felt rushed",
                "{who} was given choices about treatment",
                "{staff} listened and took {whose} worries seriously")
            .Praise(Inpatient, "R|the doctors listened to the family")
            .Praise(Birth, "S|my birth plan was respected", "S|my partner and I were involved in every decision")
            .Gripe("*",
                "{who} didn't feel listened to",
                "decisions were made without asking {whom}",
                "nobody asked what {who} wanted",
                "{whose} concerns were dismissed")
            .Gripe(Inpatient, "R|the family's concerns were brushed aside")
            .Gripe("outpatient,antenatal", "{who} felt rushed through the appointment")
            .Gripe(Birth, "S|my birth plan was ignored", "S|I felt pressured into an induction I didn't want"),

        new Theme("privacy")
            .Weight(Inpatient, 0.8).Weight(Birth, 0.6).Weight(Emergency, 0.5).Weight("outpatient,postnatal", 0.4)
            .Praise("*",
                "{whose} dignity was respected at all times",
                "curtains were always drawn when needed",
                "{staff} were discreet and respectful",
                "{who} was given privacy to talk about difficult things")
            .Gripe("*",
                "there was no privacy to discuss personal things",
                "{who} was examined with the curtain half open",
                "personal details were discussed in front of other patients")
            .Gripe(Inpatient, "R|{who} was left on a commode with the curtain open", "{who} was put in a mixed bay")
            .Gripe("ae,outpatient", "{who} had to explain {whose} symptoms at the front desk where everyone could hear"),

        new Theme("appointments")
            .Weight(Outpatient, 2.5).Weight(Antenatal, 1.5).Weight(Community, 1).Weight(PostnatalCommunity, 0.6)
            .Praise("*",
                "booking the appointment was simple",
                "the text reminder was really useful",
                "S|I was offered an appointment that fitted around work",
                "it was easy to rearrange the appointment",
                "{who} got an appointment quickly")
            .Praise(Outpatient, "the video appointment saved a long journey")
            .Gripe("*",
                "it was impossible to get through on the phone to book",
                "the appointment letter came after the date",
                "{whose} appointment was cancelled at the last minute",
                "the booking line never answers",
                "{whose} appointment was moved three times",
                "{who} had to chase the follow-up appointment")
            .Gripe(Outpatient, "{who} was sent to the wrong department"),

        new Theme("staffing")
            .Weight(Inpatient, 1.5).Weight(Postnatal, 1.2).Weight("ae,birth", 1)
            .Praise("*",
                "even though {place} was busy, {who} never had to wait long for help",
                "there always seemed to be enough staff around")
            .Praise("inpatient,postnatal",
                "call bells were answered quickly",
                "{staff} always came quickly when {who} pressed the buzzer")
            .Gripe("*",
                "{place} was clearly short staffed",
                "{staff} were run off their feet and had no time to talk",
                "there were a lot of agency staff who didn't know {place}",
                "{staff} are clearly exhausted and stretched too thin")
            .Gripe(Inpatient,
                "{who} waited ages for anyone to answer the call bell",
                "the call bell was left out of reach",
                "there weren't enough nurses, especially at night",
                "call bells rang for ages without anyone coming",
                "{who} had to wait {minutes} for help to the toilet",
                "{who} was left in a wet bed for over an hour because nobody was free",
                "there was only one nurse for the whole bay at night",
                "nobody answered the buzzer at night")
            .Gripe(Emergency, "there clearly weren't enough doctors on")
            .Gripe("birth,postnatal",
                "S|the unit was so short of midwives that I was left on my own for long periods",
                "S|I rang the buzzer and waited {minutes} for someone to come"),

        new Theme("environment")
            .Weight("inpatient,ae,birth", 0.8).Weight("outpatient,postnatal", 0.6).Weight(Antenatal, 0.5)
            .Praise("*",
                "{place} was bright and comfortable",
                "the temperature was just right",
                "{place} was modern and well laid out")
            .Praise(Inpatient, "there was plenty of space around the bed")
            .Praise("ae,outpatient,antenatal", "the new waiting area is much nicer")
            .Praise(Birth, "the birth room was lovely and calm")
            .Gripe("*",
                "{place} was far too hot",
                "{place} felt cramped and run down")
            .Gripe("inpatient,postnatal",
                "it was freezing at night",
                "there was nowhere for visitors to sit",
                "the toilets were a long way from the bed")
            .Gripe("ae,outpatient,antenatal",
                "the waiting room chairs are very uncomfortable",
                "the TV in the waiting room was far too loud",
                "the signs to the department were confusing"),

        new Theme("decant")
            .Praise(Inpatient, "{staff} have done well to make the temporary ward work")
            .Gripe(Inpatient,
                "since the ward moved the bays are cramped and there is no day room",
                "the temporary ward is far too hot and the windows don't open",
                "there is only one toilet for the whole bay since the move",
                "there is nowhere to practise walking on the temporary ward",
                "the temporary ward is miles from the entrance and hard for visitors to find",
                "the building the ward moved to is noisy and run down",
                "{who} was stuck by the bed all day because there is no day room any more"),

        new Theme("medication")
            .Weight(Inpatient, 0.8).Weight(Community, 0.6)
            .Praise("*",
                "{whose} medication was always on time",
                "{whose} medicines were reviewed and explained")
            .Praise(Inpatient,
                "the pharmacist explained the new tablets clearly",
                "the nurses made sure {who} understood the new medication before going home")
            .Gripe("*",
                "{whose} regular medication was missed",
                "nobody explained the side effects of the new tablets")
            .Gripe(Inpatient,
                "{who} was given the wrong dose and it had to be corrected",
                "the medication to take home took hours to come up from pharmacy",
                "{whose} time-critical medication was given late")
            .Gripe(Community,
                "{who} ran out of dressings because the prescription wasn't sent",
                "the repeat prescription was not sorted out as promised"),

        new Theme("treatment")
            .Weight(Emergency, 3).Weight(Outpatient, 2.5).Weight("inpatient,community", 2).Weight("antenatal,birth,pncommunity", 1).Weight(Postnatal, 0.8)
            .Praise("*",
                "the care {who} received was outstanding",
                "everything was quick and efficient",
                "{who} felt so much better afterwards",
                "the whole process was well organised",
                "{who} was thoroughly checked over",
                "{who} was in safe hands",
                "{who} was treated promptly and professionally")
            .Praise("inpatient,outpatient", "the procedure went smoothly", "the doctors got to the bottom of the problem")
            .Praise(Emergency,
                "{who} had an X-ray, was diagnosed and was strapped up in no time",
                "the doctor was thorough and sorted the problem quickly")
            .Praise(Outpatient,
                "the consultant was thorough and explained the options",
                "{who} had the scan and the results on the same day")
            .Praise(Community,
                "{whose} leg ulcer has healed thanks to the team",
                "the exercises from the physio have made a real difference",
                "{who} could stay at home thanks to the team")
            .Gripe("*",
                "the same tests were repeated twice",
                "the treatment didn't help and nobody suggested anything else",
                "{who} felt the examination was rushed",
                "the paperwork was lost and had to be done again")
            .Gripe("inpatient,ae,outpatient",
                "{who} was sent home and had to come back two days later",
                "nobody seemed to know what was wrong with {whom}")
            .Gripe(Emergency, "{who} was sent home with paracetamol and had to go back the next day"),

        new Theme("birthpartner")
            .Weight("birth,postnatal", 1.5)
            .Praise("*",
                "S|my partner was allowed to stay overnight, which made all the difference",
                "S|{staff} included my partner in everything",
                "S|my partner was made to feel welcome",
                "S|there was a reclining chair for my partner which was a nice touch")
            .Gripe("*",
                "S|my partner was sent home at night and I struggled on my own",
                "S|partners can't stay overnight, which is hard after a difficult birth",
                "S|there was nowhere for my partner to sleep",
                "S|my partner had to sit on a hard chair all night",
                "S|my partner was left out and not told what was happening"),

        new Theme("feeding")
            .Weight(Postnatal, 2.5).Weight(PostnatalCommunity, 2)
            .Praise("*",
                "S|the feeding support was brilliant",
                "S|the infant feeding team helped me get breastfeeding established",
                "S|nobody judged me for choosing to bottle feed",
                "S|the midwife spent ages helping with latching",
                "S|the breastfeeding support group was a lifeline")
            .Gripe("*",
                "S|there was no help with breastfeeding at night",
                "S|I felt pressured to breastfeed",
                "S|I was given conflicting advice about feeding",
                "S|nobody checked how feeding was going before I went home",
                "S|I had to wait days for a tongue-tie check"),

        new Theme("visits")
            .Weight("community,pncommunity", 2.5)
            .Praise("*",
                "{staff} always came when they said they would",
                "visits were at a time that suited",
                "they rang ahead when running late")
            .Praise(Community, "it was lovely to see the same nurse each time", "seeing the same faces each visit made all the difference")
            .Praise(PostnatalCommunity, "S|it was lovely to see the same midwife each time", "S|the midwife came out the day after we got home")
            .Gripe("*",
                "nobody turned up for the visit and nobody rang",
                "{who} waited in all day for a visit that didn't happen",
                "it was a different person every time so {who} had to explain everything again",
                "visit times were never given so {who} couldn't plan the day",
                "visits were rushed"),

        // Themes below only come up for the units they fit: children's services and the neonatal unit.
        new Theme("family")
            .Praise("*",
                "the play specialist was brilliant",
                "there were lots of toys and things to keep {whom} busy",
                "{staff} made {whom} laugh and forget where {who} was",
                "{staff} were brilliant with {whom}",
                "they explained things to {whom} in a way a child could understand",
                "there was a bed for me to stay next to {whom}")
            .Gripe("*",
                "there was nothing for older children to do",
                "there was nowhere for parents to sleep",
                "the parents' room was always full",
                "{staff} explained things to me but not to {whom}",
                "as a parent I couldn't get a hot drink or any food at night"),

        new Theme("neonatal")
            .Praise("*",
                "the nurses showed us how to care for our baby ourselves",
                "we were involved in our baby's care from day one",
                "being able to stay in the parents' room helped so much",
                "the nurses always had time to answer our questions however many times we asked")
            .Gripe("*",
                "we were not always told about changes to our baby's care",
                "there was nowhere private to express milk",
                "parking costs add up when your baby is in for weeks",
                "the ward round happened before we arrived so we missed the updates"),
    ];

    private static readonly Dictionary<string, Theme> ThemeByKey = Themes.ToDictionary(t => t.Key, StringComparer.Ordinal);

    private static readonly Dictionary<string, string[]> StaffByGroup = new(StringComparer.Ordinal)
    {
        [Inpatient] = ["the nurses", "the staff", "the nursing staff", "the doctors and nurses", "all the staff", "the healthcare assistants", "the team"],
        [Emergency] = ["the staff", "the doctors and nurses", "the nurses", "the team", "the A&E staff"],
        [Outpatient] = ["the staff", "the nurses", "the clinic staff", "the team", "the doctors"],
        [Community] = ["the team", "the staff", "the nurses"],
        [Antenatal] = ["the midwives", "the staff", "the midwives and doctors"],
        [Birth] = ["the midwives", "the midwives and doctors", "the staff", "the whole team"],
        [Postnatal] = ["the midwives", "the staff", "the maternity support workers", "the midwives and nursery nurses"],
        [PostnatalCommunity] = ["the midwives", "the community midwives", "the team"],
    };

    private static readonly Dictionary<string, string> PlaceByGroup = new(StringComparer.Ordinal)
    {
        [Inpatient] = "the ward", [Emergency] = "the department", [Outpatient] = "the clinic", [Community] = "the service",
        [Antenatal] = "the clinic", [Birth] = "the unit", [Postnatal] = "the ward", [PostnatalCommunity] = "the service",
    };

    private static readonly string[] Relatives = ["my mum", "my dad", "my husband", "my wife", "my nan", "my grandad", "my mother", "my father", "my partner"];
    private static readonly string[] Children = ["my son", "my daughter", "my little boy", "my little girl"];

    private static readonly string[] FirstNames =
    [
        "Jo", "Priya", "Callum", "Bethany", "Tomasz", "Aisha", "Gareth", "Siobhan", "Kwame", "Megan", "Rhys", "Fiona", "Hamza",
        "Lucy", "Niamh", "Declan", "Grace", "Marta", "Ollie", "Shona", "Dev", "Rachel", "Sian", "Abdul", "Hannah", "Liam", "Chloe",
        "Ade", "Paula", "Kerry",
    ];
    private static readonly string[] Surnames =
        ["Okafor", "Whitfield", "Patel", "Lindqvist", "Armstrong", "Hussain", "McAllister", "Osei", "Brennan", "Kowalski", "Thornton", "Rahman", "Fenwick", "Mahmood"];

    private static readonly string[] LongWaits = ["four hours", "five hours", "over six hours", "three hours", "nearly seven hours", "eight hours"];
    private static readonly string[] ClinicWaits = ["over an hour", "an hour and a half", "two hours", "nearly two hours"];
    private static readonly string[] Minutes = ["forty minutes", "over half an hour", "nearly an hour", "twenty minutes", "45 minutes"];

    private static readonly string[] ShortPositive =
    [
        "Very good.", "All good.", "Excellent", "Very good service", "Quick and efficient.", "Friendly staff.", "Good experience",
        "No complaints", "Nothing to improve.", "All staff very helpful", "Great care", "Very professional", "Lovely staff",
        "Everything was fine", "Couldn't ask for better", "Can't fault it", "Staff were great", "Fantastic service!",
        "Really good", "Brilliant", "Very helpful and friendly", "Good", "Excellent care, thank you", "Very happy",
    ];
    private static readonly string[] PositiveOpeners =
    [
        "Excellent care from start to finish.", "Couldn't fault anything.", "Really impressed.", "Brilliant service.",
        "Fantastic experience.", "Very happy with the care.", "Very pleased.", "What a great team.", "First class.",
        "Absolutely faultless.", "Really positive experience.", "Great experience overall.", "Amazing.", "So well looked after.",
    ];
    private static readonly string[] PositiveClosers =
    [
        "Thank you so much.", "Thank you all.", "A credit to the NHS.", "Keep up the good work.", "Can't thank you enough.",
        "Very grateful.", "Well done to everyone.", "I would recommend to anyone.", "Thank you for everything you do.",
        "Much appreciated.", "You should all be proud.", "10/10.", "Big thank you to the {unit} team.", "Thanks again.",
    ];
    private static readonly string[] MixedOpeners =
        ["Mixed experience.", "Some good, some not so good.", "It was OK.", "Average.", "Not bad but could be better.", "Overall OK.", "Hard to say."];
    private static readonly string[] MixedClosers =
        ["Overall it was OK.", "Room for improvement.", "Could be better.", "Not bad but not great.", "Some things need looking at."];
    private static readonly string[] NegativeOpeners =
        ["Very disappointing.", "Not a good experience.", "Poor experience this time.", "I was not impressed.", "Very poor.", "Really let down.", "Unhappy with the care."];
    private static readonly string[] VeryNegativeOpeners =
        ["Absolutely appalling.", "The worst experience I have had.", "Shocking.", "Disgraceful.", "Dreadful from start to finish."];
    private static readonly string[] NegativeClosers =
    [
        "Something needs to change.", "I hope this feedback is taken seriously.", "Not good enough.", "Please look into this.",
        "I would not want to go back.", "I expected better.", "I know {staff} are under pressure but this was not acceptable.",
    ];
    private static readonly string[] VeryNegativeClosers =
        ["I will be making a formal complaint.", "Nobody should be treated like this.", "I am still upset about it.", "Never again."];
    private static readonly string[] Unsure =
    [
        "Too early to say.", "Only just arrived so can't comment yet.", "Don't really know, it was my first visit.",
        "I was asleep for most of it!", "Not sure yet, still waiting for results.", "Can't remember much about it.",
        "Haven't been seen properly yet.", "I was only visiting.", "Not sure what to say really.", "It's hard to say, it was all a blur.",
    ];

    public static string Compose(Random rng, CommentContext ctx)
    {
        var group = GroupOf(ctx.Setting);
        var voice = PickVoice(rng, ctx, group);
        var parts = new List<string>(5);
        switch (ctx.Tone)
        {
            case CommentTone.Unsure:
                parts.Add(Pick(rng, Unsure));
                if (rng.NextDouble() < 0.3) parts.Add(Sentence(PraiseClause(rng, ctx, group, voice)));
                break;

            case CommentTone.Positive or CommentTone.MildlyPositive:
                if (rng.NextDouble() < 0.15)
                {
                    parts.Add(Pick(rng, ShortPositive));
                    break;
                }
                if (rng.NextDouble() < 0.3) parts.Add(Pick(rng, PositiveOpeners));
                var praise = PraiseClause(rng, ctx, group, voice);
                if (rng.NextDouble() < 0.05) praise = NamedPraise(rng, group, voice);
                var more = rng.NextDouble();
                if (more < 0.25) parts.Add(Sentence(praise + " and " + PraiseClause(rng, ctx, group, voice, praise)));
                else
                {
                    parts.Add(Sentence(praise, rng.NextDouble() < 0.1 ? "!" : "."));
                    if (more < 0.6) parts.Add(Sentence(PraiseClause(rng, ctx, group, voice, praise)));
                }
                if (ctx.Tone == CommentTone.MildlyPositive && rng.NextDouble() < 0.4)
                    parts.Add(Pick(rng, ["The only thing I would say is that ", "Only downside was that ", "My one niggle is that ", "Just a shame that "])
                        + GripeClause(rng, ctx, group, voice) + ".");
                if (rng.NextDouble() < 0.4) parts.Add(Pick(rng, PositiveClosers));
                break;

            case CommentTone.Mixed:
                if (rng.NextDouble() < 0.25) parts.Add(Pick(rng, MixedOpeners));
                var good = PraiseClause(rng, ctx, group, voice);
                var bad = GripeClause(rng, ctx, group, voice);
                parts.Add(rng.Next(5) switch
                {
                    0 => Sentence(good + ", but " + bad),
                    1 => Sentence(good) + " However, " + bad + ".",
                    2 => Sentence(bad + ", although " + good),
                    3 => Sentence("although " + good + ", " + bad),
                    _ => Sentence(good) + " Shame that " + bad + ".",
                });
                if (rng.NextDouble() < 0.25) parts.Add(Sentence(GripeClause(rng, ctx, group, voice, bad)));
                if (rng.NextDouble() < 0.35) parts.Add(Pick(rng, MixedClosers));
                break;

            default:
                var very = ctx.Tone == CommentTone.VeryNegative;
                if (rng.NextDouble() < (very ? 0.55 : 0.35)) parts.Add(Pick(rng, very ? VeryNegativeOpeners : NegativeOpeners));
                var first = GripeClause(rng, ctx, group, voice);
                if (rng.NextDouble() < 0.03) first = NamedGripe(rng, group);
                if (!very && rng.NextDouble() < 0.25)
                    parts.Add(Sentence(PraiseClause(rng, ctx, group, voice) + " but " + first));
                else parts.Add(Sentence(first, very && rng.NextDouble() < 0.2 ? "!" : "."));
                var extra = very ? 1 + rng.Next(2) : rng.Next(2);
                var previous = first;
                for (var i = 0; i < extra; i++)
                {
                    var next = GripeClause(rng, ctx, group, voice, previous);
                    parts.Add(rng.NextDouble() < 0.3 ? "Also " + next + "." : Sentence(next));
                    previous = next;
                }
                if (rng.NextDouble() < (very ? 0.55 : 0.35)) parts.Add(Pick(rng, very ? VeryNegativeClosers : NegativeClosers));
                break;
        }

        // A few people leave a number to be rung back; redaction must catch it before anyone outside the PX team reads it.
        if (rng.NextDouble() < 0.0015)
            parts.Add(ctx.Tone is CommentTone.Positive or CommentTone.MildlyPositive
                ? $"I'd love to thank them in person, my number is 07700 900{rng.Next(1000):000}."
                : rng.Next(2) == 0
                    ? $"Please call me on 07700 900{rng.Next(1000):000} to discuss."
                    : $"Happy to talk more, ring 01632 960{rng.Next(1000):000}.");

        var text = new StringBuilder();
        var separator = parts.Count > 2 && rng.NextDouble() < 0.01 ? "\n" : " ";
        for (var i = 0; i < parts.Count; i++)
        {
            if (i > 0) text.Append(separator);
            text.Append(parts[i]);
        }
        var comment = Fill(text.ToString(), rng, ctx, group, voice);
        // Typed in a hurry on a phone: no capitals, no full stop.
        if (rng.NextDouble() < 0.05) comment = comment.ToLowerInvariant().TrimEnd('.');
        return comment;
    }

    private static Voice PickVoice(Random rng, CommentContext ctx, string group)
    {
        if (ctx.Neonatal || group is Antenatal or Birth or Postnatal or PostnatalCommunity) return new("I", "me", "my", true);
        if (ctx.ForChildren)
        {
            var child = Pick(rng, Children);
            return new(child, child, child + "'s", false);
        }
        var relativeShare = group switch { Inpatient => 0.25, Community => 0.3, _ => 0.15 };
        if (rng.NextDouble() >= relativeShare) return new("I", "me", "my", true);
        var relative = Pick(rng, Relatives);
        return new(relative, relative, relative + "'s", false);
    }

    private static string PraiseClause(Random rng, CommentContext ctx, string group, Voice voice, string? not = null) =>
        Clause(rng, ctx, group, voice, praise: true, focus: ctx.PraiseFocusChance, not);

    private static string GripeClause(Random rng, CommentContext ctx, string group, Voice voice, string? not = null) =>
        Clause(rng, ctx, group, voice, praise: false, focus: ctx.FocusChance, not);

    private static string Clause(Random rng, CommentContext ctx, string group, Voice voice, bool praise, double focus, string? not)
    {
        if (ctx.FocusTheme is not null && rng.NextDouble() < focus && ThemeByKey.TryGetValue(ctx.FocusTheme, out var focused))
        {
            var clauses = focused.Clauses(group, praise, voice.Self);
            if (clauses.Length > 0) return PickOther(rng, clauses, not);
        }
        var theme = PickTheme(rng, ctx, group, praise, voice);
        return PickOther(rng, theme.Clauses(group, praise, voice.Self), not);
    }

    private static Theme PickTheme(Random rng, CommentContext ctx, string group, bool praise, Voice voice)
    {
        Span<double> weights = stackalloc double[Themes.Length];
        var total = 0.0;
        for (var i = 0; i < Themes.Length; i++)
        {
            var t = Themes[i];
            var w = t.Key switch
            {
                "family" => ctx.ForChildren ? 2.5 : 0,
                "neonatal" => ctx.Neonatal ? 4 : 0,
                // Parents on the neonatal unit write about their baby's care, not their own pain, meals or pills.
                "pain" or "food" or "medication" or "privacy" or "noise" when ctx.Neonatal => 0,
                _ => t.Weights.GetValueOrDefault(group),
            };
            if (w > 0 && t.Clauses(group, praise, voice.Self).Length == 0) w = 0;
            weights[i] = w;
            total += w;
        }
        var x = rng.NextDouble() * total;
        for (var i = 0; i < Themes.Length; i++)
        {
            x -= weights[i];
            if (x < 0 && weights[i] > 0) return Themes[i];
        }
        return ThemeByKey["kindness"];
    }

    private static string NamedPraise(Random rng, string group, Voice voice)
    {
        var name = StaffName(rng, group);
        return Pick(rng,
        [
            $"{name} was lovely and really put {{whom}} at ease",
            $"{name} went out of their way to help",
            $"special thanks to {name}, who couldn't do enough for {{whom}}",
            $"{name} explained everything really clearly",
            $"{name} was an absolute star",
            voice.Self ? $"{name} made me feel so much better about everything" : $"{name} was wonderful with {{whom}}",
        ]);
    }

    private static string NamedGripe(Random rng, string group)
    {
        var first = Pick(rng, FirstNames);
        return Pick(rng,
        [
            $"one of the staff, I think her name was {first}, was very abrupt",
            $"the person on reception (I think it was {first}) was rude",
            $"{StaffName(rng, group)} did not seem interested at all",
        ]);
    }

    private static string StaffName(Random rng, string group)
    {
        var first = Pick(rng, FirstNames);
        return group switch
        {
            Antenatal or Birth or Postnatal or PostnatalCommunity => Pick(rng, [$"midwife {first}", $"{first} the midwife", $"{first} the student midwife"]),
            Emergency => Pick(rng, [$"Dr {Pick(rng, Surnames)}", $"{first} the triage nurse", $"Nurse {first}", $"{first} on reception"]),
            Outpatient => Pick(rng, [$"Dr {Pick(rng, Surnames)}", $"{first} on reception", $"{first} the clinic nurse"]),
            Community => Pick(rng, [$"{first}", $"Nurse {first}", $"{first} the physio"]),
            _ => Pick(rng, [$"Nurse {first}", $"{first} the healthcare assistant", $"Dr {Pick(rng, Surnames)}", $"{first} on nights"]),
        };
    }

    private static string Fill(string text, Random rng, CommentContext ctx, string group, Voice voice)
    {
        if (text.IndexOf('{') < 0) return text;
        var sb = new StringBuilder(text.Length + 32);
        var i = 0;
        while (i < text.Length)
        {
            var open = text.IndexOf('{', i);
            if (open < 0) { sb.Append(text, i, text.Length - i); break; }
            var close = text.IndexOf('}', open);
            sb.Append(text, i, open - i);
            var slot = text[(open + 1)..close];
            var atSentenceStart = open == 0 || (open >= 2 && text[open - 1] == ' ' && text[open - 2] is '.' or '!') || (open >= 1 && text[open - 1] == '\n');
            var value = slot switch
            {
                "staff" => Pick(rng, StaffByGroup[group]),
                "place" => PlaceByGroup[group],
                "who" => voice.Who,
                "whom" => voice.Whom,
                "whose" => voice.Whose,
                "unit" => ctx.UnitName,
                "minutes" => Pick(rng, Minutes),
                "hours" => group == Emergency ? Pick(rng, LongWaits) : group == Outpatient ? Pick(rng, ClinicWaits) : Pick(rng, ["two hours", "three hours", "several hours"]),
                _ => slot,
            };
            sb.Append(atSentenceStart ? Capitalise(value) : value);
            i = close + 1;
        }
        return sb.ToString();
    }

    private static string Sentence(string clause, string end = ".") => Capitalise(clause) + end;

    private static string Capitalise(string s) =>
        s.Length == 0 || !char.IsLower(s[0]) ? s : char.ToUpperInvariant(s[0]) + s[1..];

    private static string Pick(Random rng, string[] items) => items[rng.Next(items.Length)];

    private static string PickOther(Random rng, string[] items, string? not)
    {
        var pick = items[rng.Next(items.Length)];
        if (pick == not && items.Length > 1) pick = items[(Array.IndexOf(items, pick) + 1 + rng.Next(items.Length - 1)) % items.Length];
        return pick;
    }
}
