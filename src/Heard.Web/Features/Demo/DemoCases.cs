using System.Globalization;
using System.Text.Json;
using Heard.Analysis.Fft;
using Heard.Data.Model;

namespace Heard.Web.Features.Demo;

/// <summary>One non-FFT demo record as planned, before it is tied to database ids.</summary>
internal sealed record DemoCase(
    string Source,
    string DedupeKey,
    string? Reference,
    DemoUnit Unit,
    DateOnly ReceivedOn,
    string Text,
    string DetailsJson,
    bool? ConsentToPublish);

/// <summary>
/// Complaints, PALS concerns, compliments, patient stories and online reviews for the demo trust, written for this
/// project. They follow the FFT story: a ward whose scores are falling draws complaints about the same thing, and a ward
/// that has improved gets thanked for it.
/// </summary>
/// <remarks>
/// DetailsJson by source (dates yyyy-mm-dd, null when not yet happened):
/// complaint: reference, subjects (KO41a subject names), complainantStatus, channel, receivedOn, acknowledgedOn,
/// responseDueOn, respondedOn, outcome (open, upheld, partly upheld, not upheld), referredToPhso, linkedPals;
/// pals: reference, category, channel, receivedOn, resolvedOn, escalatedToComplaint;
/// compliment: channel, receivedOn, staffNamed, sharedWithTeam;
/// patient-story: title, format, presentedTo, presentedOn;
/// online-review: site, stars, title, postedOn, responded.
/// </remarks>
internal static class DemoCases
{
    private sealed record Template(string Text, string? Groups = null, string[]? Units = null, string? Theme = null, string[]? Tags = null);

    private static Template Complaint(string text, string groups, string? theme, params string[] subjects) => new(text, groups, null, theme, subjects);
    private static Template ComplaintAt(string[] units, string? theme, string text, params string[] subjects) => new(text, null, units, theme, subjects);

    // Subject names as in the KO41a collection (domain-reference.md, section 3).
    private const string Access = "access to treatment or drugs", Admissions = "admissions and discharges", Appointments = "appointments",
        Clinical = "clinical treatment", Communications = "communications", Consent = "consent", EndOfLife = "end of life care",
        Facilities = "facilities", Integrated = "integrated care", PatientCare = "patient care", Prescribing = "prescribing",
        Privacy = "privacy, dignity and wellbeing", StaffNumbers = "staff numbers", Transport = "transport",
        Administration = "trust administration", Values = "values and behaviours (staff)", Waiting = "waiting times";

    private static readonly string[] MedicalWards = ["NGH-AMU", "NGH-W10", "NGH-W14", "NGH-W16", "NGH-W18", "NGH-HER", "RCH-OAK", "RCH-ASH"];

    // Day cases and one-to-one critical care: stories about nights on a busy ward do not fit them.
    private static readonly HashSet<string> NoGenericTexts = ["NGH-DSU", "NGH-ICU"];

    private static readonly Template[] Complaints =
    [
        Complaint("I am writing to complain about the care my {rel} received {onunit}. On several occasions {pron} pressed the call bell and nobody came for over half an hour. The ward was obviously short of nurses, particularly at night, and {pron} was once left in a wet bed until the morning. I would like to know what is being done about staffing levels.",
            "inpatient", "staffing", StaffNumbers, PatientCare),
        Complaint("My {rel} fell while trying to get to the toilet alone {onunit} because {pron} had been waiting so long for someone to answer the buzzer. Staff told us there were two nurses for twenty-eight patients that night. We were not told about the fall until the next day.",
            "inpatient", "staffing", StaffNumbers, PatientCare, Communications),
        ComplaintAt(["NGH-W22"], "pain", "My {rel} was admitted to {unitref} with a broken hip and was left in severe pain for most of the first night. Pain relief was repeatedly delayed because staff said the drug round had finished. {Pron} then waited two days for surgery, kept nil by mouth each morning only to be told it had been cancelled. We want an explanation of why this happened.",
            Clinical, PatientCare, Waiting),
        ComplaintAt(["NGH-W20", "NGH-W22", "NGH-W24", "DWC-W30"], "pain", "After my operation I was in a great deal of pain and asked again and again for stronger pain relief. I was told to wait for the doctor, who did not come until the following afternoon. I could not do my physiotherapy and going home was delayed by three days.",
            Clinical, Prescribing, Admissions),
        ComplaintAt(["NGH-ED"], "waiting",
            "I came to the Emergency Department with severe chest pain and waited over six hours to see a doctor. There was no information about waiting times and the waiting room was so full that people were standing. When I was finally seen the doctor was kind, but I do not believe a wait like that is safe.",
            Waiting, Communications),
        ComplaintAt(["NGH-ED", "NGH-AMU"], "waiting",
            "My {rel}, who is 89, spent fourteen hours on a trolley in a corridor {inunit} waiting for a bed. {Pron} was not offered anything to eat and could not get to a toilet without help. I understand the hospital was busy, but {pron} was not treated with dignity.",
            Waiting, Privacy, PatientCare),
        ComplaintAt(["NGH-EYE"], "waiting",
            "My {rel}'s appointment at the Eye Clinic has been cancelled three times. Each time we only found out by letter a few days before, and the booking line does not answer. {Pron} is worried {poss} sight is getting worse while {pron} waits.",
            Appointments, Waiting, Communications),
        Complaint("My appointment at {unitref} was at half past nine and I was not seen until after twelve. Nobody apologised or explained the delay, and I had to pay for an extra three hours of parking.",
            "outpatient", "waiting", Waiting, Facilities),
        Complaint("My {rel} was discharged {fromunit} at ten o'clock at night with no transport home and no care in place, although the family had been told the discharge would not happen until the care package was arranged. {Pron} was readmitted four days later.",
            "inpatient", "discharge", Admissions, Communications, Integrated),
        Complaint("We were given less than a day's notice that my {rel} was being discharged {fromunit}. Nobody had talked to us about what support {pron} would need at home, and the equipment did not arrive until a week later.",
            "inpatient", "discharge", Admissions, Communications, Integrated),
        Complaint("A member of staff {onunit} spoke to my {rel} in a rude and dismissive way when {pron} asked for help to the toilet. {Pron} was left upset and embarrassed in front of other patients. I would like an apology and to know that this has been dealt with.",
            "inpatient", "kindness", Values, Privacy),
        ComplaintAt(MedicalWards, "medication", "My {rel}'s Parkinson's medication was given late on several occasions during {poss} stay {onunit}, even though we explained how important the timing is. {Poss} mobility got much worse as a result and {pron} has still not recovered.",
            Prescribing, Clinical),
        ComplaintAt(MedicalWards, "food", "My {rel} has dementia and needs help to eat. On several visits we found {poss} meals left untouched at the end of the bed and then taken away. {Pron} lost a lot of weight during {poss} stay {onunit}.",
            PatientCare),
        Complaint("My {rel}'s hearing aids and glasses went missing during {poss} stay {onunit}. Staff could not tell us where they were, and we were given a claim form that nobody has replied to.",
            "inpatient", null, PatientCare, Administration),
        Complaint("Nobody {fromunit} phoned the family to tell us my {rel} had deteriorated overnight. We found out when we visited the next afternoon, although we had asked to be called about any change.",
            "inpatient", "communication", Communications, PatientCare),
        ComplaintAt([.. MedicalWards, "NGH-CCU", "NGH-ICU"], "communication", "My {rel} died {onunit}. Most of the staff were kind, but we were not told {pron} was dying until the last few hours, and we could not be with {obj} in private because no side room was free. We would like to meet to talk about {poss} care.",
            EndOfLife, Communications, Privacy),
        ComplaintAt(["NGH-W20", "NGH-W22", "NGH-W24", "NGH-DSU", "DWC-W30"], null,
            "I was not properly told about the risks of my operation before being asked to sign the consent form in the corridor on the morning of surgery. I did not feel I could say no.",
            Consent, Communications),
        Complaint("I had a scan and nobody contacted me with the results. When I chased, I was told the letter had gone to my old address, even though I had updated it at my last appointment at {unitref}.",
            "outpatient", "communication", Communications, Administration),
        Complaint("My {rel} waited five hours for hospital transport to take {obj} home after {poss} appointment at {unitref}. {Pron} is 91 and was exhausted by the time {pron} got home.",
            "outpatient", null, Transport, Waiting),
        Complaint("I received a parking fine while at an appointment at {site} that overran by more than an hour. The pay machines were not working so I could not extend my ticket. I am asking for the fine to be cancelled.",
            "outpatient,antenatal", "parking", Facilities, Administration),
        ComplaintAt(["RCH-ASH"], "decant",
            "Since Ash Ward moved to the temporary ward, my {rel} has been in a hot, cramped bay with one toilet shared between six patients. There is no day room and nowhere for visitors to sit. {Pron} has become low in mood and is not getting the rehabilitation {pron} went there for.",
            Facilities, PatientCare),
        ComplaintAt(["RCH-DNN", "RCH-DNS"], "visits",
            "The district nurses were supposed to visit my {rel} every day to dress {poss} leg ulcer, but on three occasions nobody came and nobody rang. The wound became infected and {pron} needed antibiotics.",
            PatientCare, StaffNumbers, Communications),
        ComplaintAt(["NGH-CED"], null,
            "My son was seen in the Children's Emergency Department and sent home with a diagnosis of a virus. We came back the next day and he was found to have appendicitis. I would like to understand why this was missed and what will be done so it does not happen to another child.",
            Clinical, Communications),
        ComplaintAt(["DWC-PUF"], null,
            "Our daughter was on Puffin Ward for five days and the only place for me to sleep was a chair beside her bed. The parents' kitchen was locked at night, so I could not even make a drink. Parents are part of a child's care and should be looked after too.",
            Facilities, PatientCare),
        ComplaintAt(["DWC-DS", "DWC-BC"], "involvement",
            "I want to raise concerns about my care during labour. I asked several times for an epidural and was told to wait, then told it was too late. I did not feel listened to, and nobody explained what was happening when my baby's heart rate dropped. I am still struggling with what happened and would like to meet to go through my notes.",
            Clinical, Communications, Values),
        ComplaintAt(["DWC-WIL", "DWC-BC"], "staffing",
            "My partner was sent home at eight in the evening and I was left alone with a newborn after a caesarean, unable to lift my baby out of the cot. When I pressed the buzzer it took twenty minutes for someone to come. I felt abandoned at the most vulnerable time of my life.",
            StaffNumbers, PatientCare, Facilities),
        ComplaintAt(["DWC-ANC", "DWC-MAU"], "waiting",
            "I attended the Maternity Assessment Unit with reduced movements and waited nearly four hours to be monitored. I was terrified the whole time. Thankfully my baby was fine, but I should not have been left that long.",
            Waiting, Clinical),
        ComplaintAt(["NGH-CDU", "NGH-OPD"], null,
            "My {rel} was told a new cancer drug would be started, then told weeks later that it had not been approved. Nobody explained why or what the alternatives were.",
            Access, Communications),
    ];

    private static readonly Template[] PalsConcerns =
    [
        new("{caller} rang, unable to get through to {unitref} for an update. PALS contacted the nurse in charge, who phoned the family back the same afternoon.", "inpatient", null, "communication", ["Communication"]),
        new("Patient concerned that an outpatient appointment had been cancelled twice. PALS liaised with the booking team and a new date was confirmed within the week.", "outpatient", null, "appointments", ["Appointments"]),
        new("{caller} reported that the patient's glasses went missing {onunit}. The ward searched and the glasses were found in the discharge lounge and returned.", "inpatient", null, null, ["Lost property"]),
        new("Visitor unhappy with parking charges at {site}. Information given about concessions for frequent visitors and carers.", "inpatient,outpatient,antenatal", null, "parking", ["Car parking"]),
        new("{caller} concerned that the patient was not being helped with meals {onunit}. The ward manager met the family; the patient was put on the red tray scheme and a food chart was started.", "inpatient", null, "food", ["Clinical care"]),
        new("Patient asking when they will hear the results of a recent scan. PALS contacted the consultant's secretary and the results letter was sent the same week.", "outpatient", null, "communication", ["Information request"]),
        new("Parent felt the wait in the Children's Emergency Department was too long. Explanation given about the busy evening and how triage works; feedback passed to the department.", null, ["NGH-CED"], "waiting", ["Waiting times"]),
        new("{caller} unhappy with how a nurse spoke to them at visiting time {onunit}. The ward manager apologised and discussed the concern with the staff member.", "inpatient", null, "kindness", ["Staff attitude"]),
        new("Patient waited several hours for hospital transport after discharge {fromunit}. PALS chased the transport provider and the patient was collected that evening.", "inpatient", null, "discharge", ["Discharge"]),
        new("Patient asking for a copy of her maternity notes. Directed to the access to health records team and sent the form.", null, ["DWC-DS", "DWC-BC", "DWC-WIL"], null, ["Information request"]),
        new("Carer of a patient on the caseload of the {unitname} reported a missed visit. The team leader apologised and the visit took place the next morning.", null, ["RCH-DNN", "RCH-DNS", "RCH-CRT"], "visits", ["Appointments"]),
        new("Patient said the waiting room in the Eye Clinic was overcrowded and the clinic was running two hours late. Feedback passed to the clinic manager, who is reviewing the clinic templates.", null, ["NGH-EYE"], "waiting", ["Waiting times"]),
        new("{caller} concerned about call bells not being answered {onunit} at night. The matron was informed and visited the ward the same day.", "inpatient", null, "staffing", ["Clinical care"]),
        new("{caller} worried about the patient's pain control after a hip operation {onunit}. PALS asked the inpatient pain team to review the patient that afternoon.", null, ["NGH-W22"], "pain", ["Clinical care"]),
        new("Patient found the temporary ward too hot. Estates asked to provide fans and check the ventilation.", null, ["RCH-ASH"], "decant", ["Facilities"]),
        new("Patient on {unitref} asked for more support with breastfeeding overnight. The infant feeding team was contacted and visited the next morning.", null, ["DWC-WIL", "DWC-BC"], "feeding", ["Clinical care"]),
        new("{caller} asked to be included in planning for the patient's discharge from {unitref}. A family meeting was arranged with the ward and the therapy team.", null, ["RCH-OAK", "RCH-ASH", "NGH-W16"], "discharge", ["Communication"]),
        new("Wheelchair user unable to find accessible parking near {unitref}. Passed to the estates team; an extra accessible space has been marked.", "outpatient", null, "parking", ["Facilities"]),
        new("Patient felt a receptionist in {unitref} was dismissive. The department manager apologised and discussed it with the staff member.", "ae,outpatient", null, "kindness", ["Staff attitude"]),
        new("{caller} asked for out-of-hours contact numbers for the {unitname}. Information sent, and the team rang to check all was well.", null, ["RCH-PAL", "RCH-DNN", "RCH-DNS", "DWC-CCN"], null, ["Communication"]),
        new("Patient unable to get through to rearrange a scan appointment. PALS contacted the antenatal clinic and a new time was booked.", null, ["DWC-ANC"], "appointments", ["Appointments"]),
        new("Family asked for an interpreter at the next appointment after none was booked last time. The booking team arranged a Polish interpreter and flagged the record.", "outpatient", null, "communication", ["Communication"]),
        new("Patient upset that a planned procedure was cancelled on the day for the second time. PALS spoke to the surgical scheduling team and a date was confirmed.", null, ["NGH-DSU", "NGH-W20", "NGH-W24"], "waiting", ["Waiting times"]),
        new("Patient's daughter worried that her mother's regular medicines had not been given on admission {onunit}. The pharmacist reviewed the chart and spoke to the family.", "inpatient", null, "medication", ["Clinical care"]),
    ];

    private static readonly Template[] Compliments =
    [
        new("To everyone {onunit}, thank you for looking after {family} so well. You made a very hard time easier for all of us.", "inpatient"),
        new("Thank you to the team at {unitref} for the calm, gentle birth of our daughter. Special thanks to {first}, who stayed past the end of her shift.", null, ["DWC-BC", "DWC-DS"], Tags: ["named"]),
        new("I want to say how impressed I was with {unitref}. I was seen, X-rayed and strapped up within an hour, and everyone was cheerful.", null, ["RCH-MIU", "NGH-UTC"]),
        new("Thank you to Nurse {first} {onunit}, who sat with my dad when we couldn't get there in time. We will always be grateful.", "inpatient", Tags: ["named"]),
        new("Dear Dr {surname} and team, thank you for your care and honesty during my treatment. I am now in remission and enjoying life again.", null, ["NGH-CDU"], Tags: ["named"]),
        new("Thank you to the nurses for the care you gave my husband in his last weeks at home. You let us keep him where he wanted to be.", null, ["RCH-PAL", "RCH-DNN", "RCH-DNS"]),
        new("Huge thanks to Puffin Ward for looking after our son. The play team made a scary time fun.", null, ["DWC-PUF"]),
        new("The physio team got me walking again after my knee replacement. I can't thank you enough.", null, ["RCH-PHY", "RCH-CRT"]),
        new("Just a note to thank the staff in the Emergency Department on a very busy night. Despite the pressure, everyone was calm, kind and professional.", null, ["NGH-ED"]),
        new("We would like to thank everyone on the Neonatal Unit for the care given to our twins over eight weeks. We will never forget you.", null, ["DWC-NNU"]),
        new("Thank you to the Critical Care team for saving my life, and for looking after my family while I was so poorly.", null, ["NGH-ICU"]),
        new("Thank you to the receptionists at {unitref}, who are always cheerful and helpful, even on the busiest days.", null, ["NGH-OPD", "RCH-OPD", "DWC-COP"]),
        new("Thank you to the staff {onunit}, especially {first}, who made me laugh every day of my stay.", "inpatient", Tags: ["named"]),
        new("Please pass on my thanks to the Eye Clinic team. My cataract operation has transformed my life and I can read again.", null, ["NGH-EYE"]),
        new("Thank you to the community midwives who visited after our baby was born. Your support with feeding was invaluable.", null, ["DWC-CMW"]),
        new("To the Day Surgery Unit: thank you for making a very nervous patient feel so relaxed.", null, ["NGH-DSU"]),
        new("Thank you to everyone on Ward 16 and to the mealtime volunteers. You took such care to make sure Mum ate well, and she came home stronger.", null, ["NGH-W16"], "food"),
        new("Thank you to Oak Ward for the way you planned Dad's discharge with us. Everything was in place and he has settled back at home.", null, ["RCH-OAK"], "discharge"),
        new("Thank you to the antenatal clinic midwives for your reassurance throughout a worrying pregnancy.", null, ["DWC-ANC", "DWC-MAU"]),
        new("Thank you to the children's community nurses for helping us manage our daughter's care at home, so she didn't have to stay in hospital.", null, ["DWC-CCN"]),
        new("A card and chocolates from a patient's family: 'Thank you all for your kindness and patience. You are all stars.'", "inpatient,birth,postnatal"),
        new("Thank you to the district nurses who have visited me every week for a year. My leg has finally healed.", null, ["RCH-DNN", "RCH-DNS"]),
    ];

    private sealed record Story(string Unit, int Month, string Title, string Format, string PresentedTo, string Text);

    private static readonly Story[] Stories =
    [
        new("DWC-PUF", 5, "Our first night on Puffin Ward", "written", "Women and Children divisional governance",
            "Our son was two when he was admitted with breathing problems. I had never stayed overnight in a hospital and I was frightened. The nurse who admitted him knelt down to talk to him before she talked to me, and that set the tone for the whole stay. The play specialist brought bubbles for the nebuliser. What could have been better: I slept in a chair for three nights and could not get a hot drink after nine o'clock."),
        new("NGH-W16", 8, "Mealtimes matter", "in person", "Quality and Safety Committee",
            "My mum has dementia and was on Ward 16 for three weeks last winter. The staff were kind, but they were stretched, and at mealtimes her tray was often put down out of reach and taken away again untouched. She lost nearly a stone. I am telling this story because I know the ward wants to get it right: a coloured tray, a volunteer at lunchtime, or a relative being welcome at mealtimes would have made all the difference."),
        new("DWC-BC", 12, "A calm birth", "video", "Trust Board",
            "I had a difficult first birth and was anxious about the second. The Birth Centre midwives met me twice beforehand and we wrote a plan together. On the day the room was dim and quiet, my partner could stay, and nobody rushed me. I want other women who are scared to know that it can be different."),
        new("RCH-DNS", 15, "Living with a leg ulcer", "written", "Community and Outpatients divisional governance",
            "I have had a leg ulcer for two years. For a long time it was a different nurse each visit and I never knew when they would come, so I could not plan anything. Since the team started giving me a two-hour slot and I mostly see the same two nurses, the wound has started to heal, and I feel like a person again rather than a job on a list."),
        new("RCH-OAK", 18, "Going home from Oak Ward", "in person", "Trust Board",
            "After my stroke I spent six weeks on Oak Ward. In the first weeks nobody could tell my wife when I might go home. Then the ward started a weekly meeting with us and the therapists, with a date on the whiteboard by my bed. We knew what I had to be able to do, and my wife could arrange the rails and the bed at home. I went home on the day we planned."),
        new("NGH-W14", 21, "Waiting for the buzzer", "video", "Trust Board",
            "I have COPD and have been on Ward 14 four times. The nurses have always been kind. This year it has felt different. At night there are fewer of them and more agency staff who do not know the ward. One night I pressed the buzzer when I could not breathe and it was twenty-five minutes before anyone came. I am not blaming the nurses; I am asking the board to look at how many there are."),
    ];

    private sealed record Review(string[] Units, int Stars, string Title, string Text, string? Theme = null);

    private static readonly Review[] Reviews =
    [
        new(["NGH-ED"], 2, "Long wait, kind staff", "Waited nearly six hours with my daughter. Once we were seen the nurses were lovely, but the waiting room was packed and there was no information about how long it would be.", "waiting"),
        new(["NGH-ED"], 4, "Busy but well run", "Came in with a cut hand late on a Saturday. Very busy, but triage was quick and I was stitched up within three hours."),
        new(["NGH-ED"], 1, "Corridor care", "My grandad spent the night on a trolley in the corridor. The staff were doing their best but it was not dignified for a 90-year-old.", "waiting"),
        new(["NGH-UTC"], 5, "Quick and friendly", "In and out in an hour with a sprained ankle. Friendly staff and clear advice about what to do at home."),
        new(["RCH-MIU"], 5, "Brilliant little unit", "So much better than going to A&E. Seen within 40 minutes, X-rayed and sent home with a splint."),
        new(["DWC-BC"], 5, "Perfect birth experience", "The midwives at the Birth Centre were wonderful. Calm, quiet room, and my partner could stay with us afterwards."),
        new(["DWC-WIL"], 3, "Good midwives, tired ward", "The midwives were kind but clearly stretched, and the bay was noisy and hot. Feeding support was good when we got it."),
        new(["DWC-DS"], 4, "Safe hands", "A complicated labour that ended in a caesarean. Everything was explained and I felt safe the whole time."),
        new(["NGH-EYE"], 2, "Clinic always late", "Third visit and the clinic has run over an hour late every time. The doctors are good but the waiting is awful.", "waiting"),
        new(["NGH-OPD"], 4, "Efficient clinic", "Seen on time by a friendly consultant. Parking was the only problem."),
        new(["NGH-W14"], 2, "Nurses stretched too thin", "My father was on Ward 14 for a week. The nurses were kind but there were not enough of them, and he waited a long time for help at night.", "staffing"),
        new(["NGH-W22"], 2, "Operation fine, pain relief not", "After my hip operation I spent a night in agony waiting for pain relief. The surgery went well but the care on the ward afterwards was poor.", "pain"),
        new(["NGH-CDU"], 5, "The kindest people", "The chemotherapy unit staff are the kindest people. They make a horrible time bearable."),
        new(["NGH-DSU"], 5, "Day surgery done well", "Arrived at half seven, home by two. Every step was explained and the nurses were lovely."),
        new(["RCH-OPD"], 5, "Local and friendly", "So much easier than going into Northfield. Seen on time, friendly staff, free parking."),
        new(["NGH-OPD", "NGH-FRC"], 2, "Parking is a nightmare", "The clinic itself was fine, but I spent 25 minutes finding a space and it cost a fortune."),
        new(["DWC-PUF"], 5, "Brilliant with our son", "The nurses and play team were brilliant with our son. He actually asked to go back!"),
        new(["NGH-AMU"], 3, "Mixed stay", "The care was good once I got a bed, but it took eighteen hours to get one."),
    ];

    private static readonly (string Word, string Pron, string Obj, string Poss)[] Relatives =
    [
        ("mother", "she", "her", "her"), ("father", "he", "him", "his"), ("husband", "he", "him", "his"), ("wife", "she", "her", "her"),
        ("mum", "she", "her", "her"), ("dad", "he", "him", "his"), ("grandmother", "she", "her", "her"), ("grandfather", "he", "him", "his"),
    ];
    private static readonly string[] Callers =
        ["The patient's daughter", "The patient's son", "The patient's wife", "The patient's husband", "A family member", "The patient's niece"];
    private static readonly string[] Family = ["Mum", "Dad", "Nan", "Grandad", "my husband", "my wife"];
    private static readonly string[] FirstNames = ["Jo", "Priya", "Callum", "Bethany", "Tomasz", "Aisha", "Gareth", "Siobhan", "Kwame", "Megan", "Rhys", "Fiona"];
    private static readonly string[] Surnames = ["Okafor", "Whitfield", "Patel", "Lindqvist", "Armstrong", "Hussain", "Osei", "Brennan"];

    public static List<DemoCase> Plan(DemoManifest manifest, DateOnly lastMonth, int seed)
    {
        var rng = new Random(DemoOrganisation.Mix(seed, "other-sources", 0, 9));
        var first = DemoOrganisation.FirstMonth(lastMonth);
        var periodEnd = first.AddMonths(DemoOrganisation.Months).AddDays(-1);
        var models = manifest.Units.ToDictionary(u => u.Code,
            u => Enumerable.Range(0, DemoOrganisation.Months).Select(m => DemoOrganisation.MonthModel(u, m, first.AddMonths(m), seed)).ToArray());
        var cases = new List<DemoCase>();

        // Complaints: drawn towards busy front doors and towards wards while their trouble is showing.
        var complaints = new List<(DemoUnit Unit, DateOnly Received, Template Template, (string Word, string Pron, string Obj, string Poss) Rel, string Channel)>();
        void AddComplaint(DemoUnit unit, int m, Template template) =>
            complaints.Add((unit, WorkingDayIn(rng, first.AddMonths(m)), template, Relatives[rng.Next(Relatives.Length)],
                Pick(rng, ["email", "email", "letter", "online form", "telephone"])));
        // Every ward with a known problem draws a few complaints about it while the problem shows, whatever the seed.
        foreach (var unit in manifest.Units.Where(u => u.ConcernTheme is not null))
        {
            var troubledMonths = Enumerable.Range(0, DemoOrganisation.Months).Where(m => models[unit.Code][m].Troubled).ToList();
            var themed = Complaints.Where(t => t.Theme == unit.ConcernTheme && Fits(t, unit)).ToList();
            if (troubledMonths.Count == 0 || themed.Count == 0) continue;
            for (var k = 0; k < 3; k++) AddComplaint(unit, troubledMonths[rng.Next(troubledMonths.Count)], themed[rng.Next(themed.Count)]);
        }
        while (complaints.Count < 42)
        {
            var m = rng.Next(DemoOrganisation.Months);
            var unit = PickWeighted(rng, manifest.Units, u => ComplaintWeight(u) * (models[u.Code][m].Troubled ? 3 : 1));
            var fits = Complaints.Where(t => Fits(t, unit)).ToList();
            if (fits.Count == 0) continue;
            AddComplaint(unit, m, PickWeighted(rng, fits, t => t.Theme is not null && t.Theme == unit.ConcernTheme && models[unit.Code][m].Troubled ? 8 : 1));
        }
        complaints.Sort((a, b) => a.Received != b.Received ? a.Received.CompareTo(b.Received) : string.CompareOrdinal(a.Unit.Code, b.Unit.Code));

        // Three concerns that PALS could not settle went on to become complaints; each side keeps the link.
        var escalated = Enumerable.Range(0, complaints.Count)
            .Where(i => complaints[i].Template.Text.Contains("{rel}", StringComparison.Ordinal) && complaints[i].Unit.Settings[0] == FftSettings.Inpatient)
            .Where((_, k) => k % 4 == 1).Take(3).ToHashSet();

        var palsCount = 0;
        var palsPlans = new List<(DemoUnit Unit, DateOnly Received, string Text, string Category, int? Complaint)>();
        for (var i = 0; i < complaints.Count; i++)
        {
            if (!escalated.Contains(i)) continue;
            var c = complaints[i];
            var received = EnglandWorkingDays.Add(c.Received, -(3 + rng.Next(6)));
            palsPlans.Add((c.Unit, received < first ? first : received,
                Fill($"{Pick(rng, Callers)} raised concerns about the patient's care {{onunit}}. These could not be resolved informally and, at the family's request, were passed to the complaints team.", c.Unit, manifest, rng, c.Rel),
                "Clinical care", i));
        }
        foreach (var unit in manifest.Units.Where(u => u.ConcernTheme is not null))
        {
            var troubledMonths = Enumerable.Range(0, DemoOrganisation.Months).Where(m => models[unit.Code][m].Troubled).ToList();
            var themed = PalsConcerns.Where(t => t.Theme == unit.ConcernTheme && Fits(t, unit)).ToList();
            if (troubledMonths.Count == 0 || themed.Count == 0) continue;
            for (var k = 0; k < 2; k++)
            {
                var template = themed[rng.Next(themed.Count)];
                palsPlans.Add((unit, WorkingDayIn(rng, first.AddMonths(troubledMonths[rng.Next(troubledMonths.Count)])),
                    Fill(template.Text, unit, manifest, rng, Relatives[0]), template.Tags![0], null));
            }
        }
        while (palsPlans.Count < 54)
        {
            var m = rng.Next(DemoOrganisation.Months);
            var unit = PickWeighted(rng, manifest.Units, u => (u.ForChildren ? 0.5 : 1) * (models[u.Code][m].Troubled ? 4 : 1));
            var fits = PalsConcerns.Where(t => Fits(t, unit)).ToList();
            if (fits.Count == 0) continue;
            var template = PickWeighted(rng, fits, t => t.Theme is not null && t.Theme == unit.ConcernTheme && models[unit.Code][m].Troubled ? 8 : 1);
            palsPlans.Add((unit, WorkingDayIn(rng, first.AddMonths(m)), Fill(template.Text, unit, manifest, rng, Relatives[0]), template.Tags![0], null));
        }
        palsPlans.Sort((a, b) => a.Received != b.Received ? a.Received.CompareTo(b.Received) : string.CompareOrdinal(a.Unit.Code, b.Unit.Code));
        var palsKeyForComplaint = new Dictionary<int, string>();
        foreach (var p in palsPlans)
        {
            palsCount++;
            var key = $"demo-pals-{palsCount}";
            if (p.Complaint is int ci) palsKeyForComplaint[ci] = key;
            var resolved = EnglandWorkingDays.Add(p.Received, 1 + rng.Next(p.Complaint is null ? 8 : 3));
            var reference = $"PALS-{p.Received.Year}-{palsCount:0000}";
            cases.Add(new DemoCase(FeedbackSources.Pals, key, reference, p.Unit, p.Received, p.Text, JsonSerializer.Serialize(new
            {
                reference,
                category = p.Category,
                channel = Pick(rng, ["telephone", "telephone", "email", "in person", "online form"]),
                receivedOn = Iso(p.Received),
                resolvedOn = p.Complaint is not null || resolved > periodEnd ? null : Iso(resolved),
                escalatedToComplaint = p.Complaint is int c ? $"demo-complaint-{c + 1}" : null,
            }), null));
        }

        for (var i = 0; i < complaints.Count; i++)
        {
            var (unit, received, template, rel, channel) = complaints[i];
            var reference = $"CMP-{received.Year}-{i + 1:0000}";
            var late = rng.NextDouble() < 0.1;
            var acknowledged = EnglandWorkingDays.Add(received, late ? 4 + rng.Next(3) : 1 + rng.Next(3));
            var due = EnglandWorkingDays.Add(received, 25);
            var responded = EnglandWorkingDays.Add(received, 18 + rng.Next(50));
            var troubled = models[unit.Code][MonthIndex(first, received)].Troubled && template.Theme == unit.ConcernTheme;
            // One older complaint is still open past six months, as happens, so the overdue view has something in it.
            var stuck = i == complaints.Count / 3;
            var open = stuck || responded > periodEnd;
            var outcome = open ? "open" : PickWeighted(rng, new[] { "upheld", "partly upheld", "not upheld" }, o => o switch
            {
                "upheld" => troubled ? 45 : 20,
                "partly upheld" => 40,
                _ => troubled ? 15 : 40,
            });
            cases.Add(new DemoCase(FeedbackSources.Complaint, $"demo-complaint-{i + 1}", reference, unit, received,
                Fill(template.Text, unit, manifest, rng, rel), JsonSerializer.Serialize(new
                {
                    reference,
                    subjects = template.Tags,
                    complainantStatus = template.Text.Contains("{rel}", StringComparison.Ordinal) ? "relative" : unit.ForChildren ? "parent" : "patient",
                    channel,
                    receivedOn = Iso(received),
                    acknowledgedOn = acknowledged > periodEnd ? null : Iso(acknowledged),
                    responseDueOn = Iso(due),
                    respondedOn = open ? null : Iso(responded),
                    outcome,
                    referredToPhso = outcome == "not upheld" && rng.NextDouble() < 0.2,
                    linkedPals = palsKeyForComplaint.GetValueOrDefault(i),
                }), null));
        }

        // Compliments: anywhere, and on the improved wards once the improvement has taken hold.
        var compliments = new List<(DemoUnit Unit, DateOnly Received, Template Template)>();
        while (compliments.Count < 46)
        {
            var template = Compliments[rng.Next(Compliments.Length)];
            var candidates = manifest.Units.Where(u => Fits(template, u)).ToList();
            if (candidates.Count == 0) continue;
            var unit = candidates[rng.Next(candidates.Count)];
            var m = template.Theme is not null ? DemoOrganisation.Months - 8 + rng.Next(8) : rng.Next(DemoOrganisation.Months);
            compliments.Add((unit, WorkingDayIn(rng, first.AddMonths(m)), template));
        }
        compliments.Sort((a, b) => a.Received != b.Received ? a.Received.CompareTo(b.Received) : string.CompareOrdinal(a.Unit.Code, b.Unit.Code));
        for (var i = 0; i < compliments.Count; i++)
        {
            var (unit, received, template) = compliments[i];
            var name = Pick(rng, FirstNames);
            var surname = Pick(rng, Surnames);
            var text = Fill(template.Text.Replace("{first}", name, StringComparison.Ordinal).Replace("{surname}", surname, StringComparison.Ordinal),
                unit, manifest, rng, Relatives[0]);
            var named = template.Tags?.Contains("named") == true
                ? template.Text.Contains("{surname}", StringComparison.Ordinal) ? "Dr " + surname
                : template.Text.Contains("Nurse {first}", StringComparison.Ordinal) ? "Nurse " + name : name
                : null;
            cases.Add(new DemoCase(FeedbackSources.Compliment, $"demo-compliment-{i + 1}", null, unit, received, text, JsonSerializer.Serialize(new
            {
                channel = Pick(rng, ["thank-you card", "thank-you card", "email", "letter", "social media", "in person"]),
                receivedOn = Iso(received),
                staffNamed = named,
                sharedWithTeam = true,
            }), null));
        }

        // Patient stories, told to the board and its committees at the points in the story they explain.
        for (var i = 0; i < Stories.Length; i++)
        {
            var s = Stories[i];
            var unit = manifest.Units.First(u => u.Code == s.Unit);
            var month = first.AddMonths(s.Month);
            var received = WorkingDayIn(rng, month);
            var presented = EnglandWorkingDays.Add(received, 10 + rng.Next(15));
            cases.Add(new DemoCase(FeedbackSources.PatientStory, $"demo-story-{i + 1}", null, unit, received, s.Text, JsonSerializer.Serialize(new
            {
                title = s.Title,
                format = s.Format,
                presentedTo = s.PresentedTo,
                presentedOn = presented > periodEnd ? null : Iso(presented),
            }), true));
        }

        // Online reviews: themed ones while the trouble shows, the rest at any time.
        for (var i = 0; i < Reviews.Length; i++)
        {
            var r = Reviews[i];
            var unit = manifest.Units.First(u => u.Code == r.Units[rng.Next(r.Units.Length)]);
            var troubledMonths = Enumerable.Range(0, DemoOrganisation.Months).Where(m => models[unit.Code][m].Troubled).ToList();
            var m = r.Theme is not null && r.Theme == unit.ConcernTheme && troubledMonths.Count > 0
                ? troubledMonths[rng.Next(troubledMonths.Count)]
                : rng.Next(DemoOrganisation.Months);
            var month = first.AddMonths(m);
            var posted = month.AddDays(rng.Next(DateTime.DaysInMonth(month.Year, month.Month)));
            cases.Add(new DemoCase(FeedbackSources.OnlineReview, $"demo-review-{i + 1}", null, unit, posted, r.Text, JsonSerializer.Serialize(new
            {
                site = Pick(rng, ["NHS website", "NHS website", "Care Opinion", "Google"]),
                stars = r.Stars,
                title = r.Title,
                postedOn = Iso(posted),
                responded = rng.NextDouble() < 0.6,
            }), null));
        }
        return cases;
    }

    private static double ComplaintWeight(DemoUnit unit) => unit.Settings[0] switch
    {
        FftSettings.AccidentAndEmergency => unit.MonthlyResponses > 150 ? 3 : 0.8,
        FftSettings.Inpatient => 1,
        FftSettings.MaternityBirth or FftSettings.MaternityPostnatalWard => 1,
        FftSettings.Outpatient => 0.5,
        FftSettings.MaternityAntenatal => 0.4,
        _ => 0.3,
    };

    private static bool Fits(Template t, DemoUnit unit)
    {
        if (t.Units is not null) return t.Units.Contains(unit.Code);
        // Generic texts are written by or about adults; children's and neonatal units have their own.
        if (unit.ForChildren || unit.FirstSpeciality == "Neonatology" || NoGenericTexts.Contains(unit.Code)) return false;
        var group = unit.Settings[0] switch
        {
            FftSettings.AccidentAndEmergency => "ae",
            FftSettings.MaternityAntenatal => "antenatal",
            FftSettings.MaternityBirth => "birth",
            FftSettings.MaternityPostnatalWard => "postnatal",
            FftSettings.MaternityPostnatalCommunity => "pncommunity",
            var s => s,
        };
        return t.Groups is not null && t.Groups.Split(',').Contains(group);
    }

    private static string Fill(string text, DemoUnit unit, DemoManifest manifest, Random rng, (string Word, string Pron, string Obj, string Poss) rel)
    {
        var reference = RefName(unit.Name);
        return text
            .Replace("{rel}", rel.Word, StringComparison.Ordinal)
            .Replace("{Pron}", Upper(rel.Pron), StringComparison.Ordinal)
            .Replace("{pron}", rel.Pron, StringComparison.Ordinal)
            .Replace("{obj}", rel.Obj, StringComparison.Ordinal)
            .Replace("{Poss}", Upper(rel.Poss), StringComparison.Ordinal)
            .Replace("{poss}", rel.Poss, StringComparison.Ordinal)
            .Replace("{onunit}", "on " + reference, StringComparison.Ordinal)
            .Replace("{fromunit}", "from " + reference, StringComparison.Ordinal)
            .Replace("{inunit}", "in " + reference, StringComparison.Ordinal)
            .Replace("{unitref}", reference, StringComparison.Ordinal)
            .Replace("{unitname}", unit.Name, StringComparison.Ordinal)
            .Replace("{site}", manifest.Site(unit.SiteCode).Name, StringComparison.Ordinal)
            .Replace("{caller}", text.Contains("{caller}", StringComparison.Ordinal) ? Pick(rng, Callers) : "", StringComparison.Ordinal)
            .Replace("{family}", text.Contains("{family}", StringComparison.Ordinal) ? Pick(rng, Family) : "", StringComparison.Ordinal);
    }

    /// <summary>How people refer to a unit in a sentence: "Ward 14", "Oak Ward", "the Eye Clinic".</summary>
    private static string RefName(string name)
    {
        var words = name.Split(' ');
        if (words.Length >= 2 && words[0] == "Ward") return words[0] + " " + words[1];
        var ward = Array.IndexOf(words, "Ward");
        if (ward > 0) return string.Join(' ', words[..(ward + 1)]);
        return "the " + name;
    }

    private static string Upper(string s) => char.ToUpperInvariant(s[0]) + s[1..];

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static int MonthIndex(DateOnly first, DateOnly date) => (date.Year - first.Year) * 12 + date.Month - first.Month;

    private static DateOnly WorkingDayIn(Random rng, DateOnly month)
    {
        var days = new List<DateOnly>(23);
        for (var d = month; d.Month == month.Month; d = d.AddDays(1))
            if (EnglandWorkingDays.IsWorkingDay(d)) days.Add(d);
        return days[rng.Next(days.Count)];
    }

    private static string Pick(Random rng, string[] items) => items[rng.Next(items.Length)];

    private static T PickWeighted<T>(Random rng, IReadOnlyList<T> items, Func<T, double> weight)
    {
        var weights = new double[items.Count];
        for (var i = 0; i < items.Count; i++) weights[i] = weight(items[i]);
        return items[DemoOrganisation.PickIndex(rng, weights)];
    }
}

/// <summary>
/// Working days in England, for complaint deadlines: not weekends, not bank holidays (with substitute days), which
/// include Christmas Day and Good Friday. One-off holidays since 2020 are listed; add new ones as they are announced.
/// </summary>
internal static class EnglandWorkingDays
{
    private static readonly HashSet<DateOnly> OneOff =
    [
        new(2020, 5, 8), new(2022, 6, 2), new(2022, 6, 3), new(2022, 9, 19), new(2023, 5, 8),
    ];

    public static bool IsWorkingDay(DateOnly d) =>
        d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !IsBankHoliday(d);

    /// <summary>The date <paramref name="days"/> working days after (or, when negative, before) <paramref name="from"/>.</summary>
    public static DateOnly Add(DateOnly from, int days)
    {
        var step = days < 0 ? -1 : 1;
        var d = from;
        for (var left = Math.Abs(days); left > 0;)
        {
            d = d.AddDays(step);
            if (IsWorkingDay(d)) left--;
        }
        return d;
    }

    public static bool IsBankHoliday(DateOnly d)
    {
        if (OneOff.Contains(d)) return true;
        var y = d.Year;
        var easter = EasterSunday(y);
        if (d == easter.AddDays(-2) || d == easter.AddDays(1)) return true;
        if (d == Substitute(new DateOnly(y, 1, 1))) return true;
        // Early May moved to 8 May in 2020; spring moved to 2 June in 2022 (both in OneOff).
        if (d == FirstMonday(y, 5) && y != 2020) return true;
        if (d == LastMonday(y, 5) && y != 2022) return true;
        if (d == LastMonday(y, 8)) return true;
        var christmas = new DateOnly(y, 12, 25);
        var (christmasOff, boxingOff) = christmas.DayOfWeek switch
        {
            DayOfWeek.Friday => (christmas, christmas.AddDays(3)),
            DayOfWeek.Saturday => (christmas.AddDays(2), christmas.AddDays(3)),
            DayOfWeek.Sunday => (christmas.AddDays(2), christmas.AddDays(1)),
            _ => (christmas, christmas.AddDays(1)),
        };
        return d == christmasOff || d == boxingOff;
    }

    private static DateOnly Substitute(DateOnly d) => d.DayOfWeek switch
    {
        DayOfWeek.Saturday => d.AddDays(2),
        DayOfWeek.Sunday => d.AddDays(1),
        _ => d,
    };

    private static DateOnly FirstMonday(int year, int month)
    {
        var d = new DateOnly(year, month, 1);
        while (d.DayOfWeek != DayOfWeek.Monday) d = d.AddDays(1);
        return d;
    }

    private static DateOnly LastMonday(int year, int month)
    {
        var d = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        while (d.DayOfWeek != DayOfWeek.Monday) d = d.AddDays(-1);
        return d;
    }

    /// <summary>Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm).</summary>
    private static DateOnly EasterSunday(int y)
    {
        int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451, month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
        return new DateOnly(y, month, day);
    }
}
