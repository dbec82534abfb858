using System.Buffers;
using System.Collections.Frozen;

namespace Heard.Analysis.Text;

public enum SafeguardingCategory { Abuse, Neglect, SelfHarm, Suicide, Violence, ClinicalConcern }

/// <summary>
/// How urgently a lead should look. Low is a mention of a service (the self-harm team, the safeguarding nurse):
/// it is still raised, because a patient under that service may be at risk, but it sorts last.
/// </summary>
public enum SafeguardingSeverity { Low = 1, Medium = 2, High = 3 }

/// <summary>One concern found in a comment: what kind, how serious, and the words that raised it.</summary>
public readonly record struct SafeguardingConcern(SafeguardingCategory Category, SafeguardingSeverity Severity, string MatchedText, int Start, int Length);

public static class SafeguardingCategories
{
    public static string Code(SafeguardingCategory c) => c switch
    {
        SafeguardingCategory.Abuse => "abuse",
        SafeguardingCategory.Neglect => "neglect",
        SafeguardingCategory.SelfHarm => "self-harm",
        SafeguardingCategory.Suicide => "suicide",
        SafeguardingCategory.Violence => "violence",
        _ => "clinical",
    };

    public static SafeguardingCategory? Parse(string code) => code.Trim().ToLowerInvariant() switch
    {
        "abuse" => SafeguardingCategory.Abuse,
        "neglect" => SafeguardingCategory.Neglect,
        "self-harm" => SafeguardingCategory.SelfHarm,
        "suicide" => SafeguardingCategory.Suicide,
        "violence" => SafeguardingCategory.Violence,
        "clinical" => SafeguardingCategory.ClinicalConcern,
        _ => null,
    };

    public static string Label(string code) => code switch
    {
        "abuse" => "Abuse",
        "neglect" => "Neglect",
        "self-harm" => "Self-harm",
        "suicide" => "Suicide",
        "violence" => "Violence",
        "clinical" => "Serious clinical concern",
        _ => code,
    };

    public static readonly string[] All = ["abuse", "neglect", "self-harm", "suicide", "violence", "clinical"];

    public static string SeverityCode(SafeguardingSeverity s) => s switch
    {
        SafeguardingSeverity.High => "high",
        SafeguardingSeverity.Medium => "medium",
        _ => "low",
    };
}

/// <summary>
/// Finds comments that suggest abuse, neglect, self-harm, suicide, violence or a serious clinical concern, so a named
/// lead sees them the same day. It is a hand-written phrase lexicon, not a model: every alert can be explained by the
/// words that raised it, and a lead can read the whole list below. It errs towards raising (recall first).
/// <para>
/// Text is lower-cased and split into words (apostrophes dropped, so "don't" is "dont"; hyphens split, so "self-harm"
/// is "self harm"). A phrase is a sequence of words; a word may list alternatives, end in <c>*</c> (any ending), end in
/// <c>~</c> (also one letter wrong, missing, extra or two swapped, for words of five letters or more), and <c>..N</c>
/// skips up to N words. Phrases never run across a full stop. A phrase is dropped when "no", "not", "never" or the like
/// comes in the four words before it in the same clause ("I was not neglected"), unless the phrase itself starts with
/// the negation. Harmless phrases ("stabbing pain", "pushed me in a wheelchair", "fell asleep") cancel a concern whose
/// first word they cover. Where two phrases of one category overlap, the longer wins, so "self-harm team" is a Low mention rather
/// than a Medium "self-harm".
/// </para>
/// </summary>
public static class SafeguardingDetector
{
    private const int NegationWindow = 4;

    // Category codes: a abuse, n neglect, h self-harm, s suicide, v violence, c clinical, x harmless (cancels any
    // category); x followed by a code cancels only that category ("xv: heart attack" is not violence, but a heart
    // attack that was missed is still a clinical concern).
    // Severity: H, M, L. Objects that a violent verb takes are spelled out once in {person}.
    internal const string Phrases = """
        # --- suicide ---
        s H: suicide~|suicides|suicidal~|suicidally|suicidality
        s H: kill|killing|killed ..1 myself|herself|himself|themselves|meself
        s H: end|ending|ended|take|taking|took ..2 life|lives
        s H: end|ending|ended it all
        s H: want|wanted|wanting|wanna|wish|wished|wishing ..2 die|dead|died
        s H: rather|better ..1 dead|die
        s H: better off ..1 dead|without
        s H: no|not|dont|didnt|doesnt|never|longer|cant|couldnt ..1 want|wanted|wanna|wish|bear ..2 live|living|alive|exist|existing|wake
        s H!: want|wanted|wanna|wish ..1 be here|around|alive anymore|any|no
        s H!: dont|didnt|not|never|longer ..1 want|wanted|wanna ..1 be here|around|alive
        s H: longer ..1 want|wanted|wanna ..2 here|around|alive
        s H: cant|couldnt|cannot go|carry on anymore|any|living|like
        s H: no|any reason|point ..2 living|live|alive
        s H: not|isnt|wasnt|aint|no worth living
        s H: gave|give|giving|given up on life|living
        s H: hang|hanging|hanged|hung myself|herself|himself
        s H: jump|jumping|jumped|throw|throwing|threw ..2 off|front|under ..2 bridge|train|trains|roof|building|cliff|lorry|bus|motorway|car
        s H: take|taking|took|swallow|swallowed|swallowing|stockpile|stockpiled|stockpiling|saved|saving ..2 all|whole|handful|box|boxes|packet|packets|bottle|lot ..2 tablets|pills|paracetamol|medication|meds|medicine|medicines
        s H: stockpil* ..2 tablets|pills|paracetamol|medication|meds
        s H: thoughts|thinking|thought ..2 ending|end ..1 it|things|myself
        s H: better|happier ..1 without me
        s H: had ..1 enough of living|life|everything
        s H: try|tried|trying|attempt|attempted|attempting|tries ..2 die|kill|end
        s H: step|stepped|stepping|walk|walked|walking|run|ran|lie|jump ..3 front|under of ..1 bus|train|trains|car|lorry|traffic
        s M: cant|cannot|couldnt|not cope|coping ..2 anymore|any|longer|more|life
        s M: hopeless|worthless
        s H!: never|not|dont|didnt ..2 wake up
        s M!: point ..2 carrying|going|living|trying|continuing
        s M: planning|planned|plan|plans ..3 do|end it|things|everything
        s M: giving|gave|give|given ..3 things|belongings|possessions away
        s L: burden|burdens
        s L: suicid*
        s L: crisis team|line|service|services|cafe|house|number
        s L: samaritans
        s L: suicide~ prevention|awareness|liaison|helpline|team

        # --- self-harm ---
        h M: self ..1 harm*|injur*|inflicted
        h M: selfharm~|selfharming~|selfharmed~|selfharmer
        h M: hurt|hurting|cut|cutting|burnt|burned|burn|harmed|injured|took|taken|starved|scratched ..4 on purpose|deliberately|intentionally
        h H: cut|cuts|cutting~|slit|slitting|slash|slashed|slashing ..1 myself|herself|himself|wrist|wrists|arms|thighs
        h H: scratching|scratched|scratch ..1 myself|herself|himself
        h H: burn|burning|burned|burnt|hurt|hurting|harm|harming|injure|injuring|injured|punish|punishing|starve|starving|starved myself|herself|himself|themselves
        h H: overdose~|overdosed~|overdosing~|overdoses
        h H: ligature~|ligatures
        h H: punched|punching|hit|hitting|slapped|slapping|bit|biting|bite|bites|scratch|scratches myself|herself|himself
        h M: urges|urge ..4 back|cut|cutting|harm|hurt|return|again
        h H: swallowed|swallowing|swallow|swallows|ate|eating ..3 batteries|battery|glass|objects|blades|blade|razor|razors|bleach|pins|screws|coins
        h H: banging|bang|banged|hitting ..1 head
        h L: self ..1 harm* team|teams|service|services|nurse|nurses|liaison|clinic|worker|workers|practitioner|support|group|groups|pathway
        h L: selfharm~ team|service|nurse|liaison|support

        # --- abuse ---
        a H: abused~|abusing~|abuse~|abusive~|abuser|abusers|abuses
        a M: mistreated~|mistreatment~|maltreated|maltreatment|illtreated
        a M: ill treated
        a H: sexual|sexually assault*|abused|harassed|harassment|inappropriate|touched|comments|remarks|advances
        a H: touched|touching|touch|groped|grabbed ..3 inappropriately|breasts|breast|bottom|private|privates|genitals|crotch|groin
        a M: inappropriate|inappropriately ..2 touch*|comment*|sexual|photos|pictures|relationship|remarks|messages
        a H: raped|rape|rapist|molested~|molesting|groped~|groping
        a M: harassed~|harassing|harassment~|bullied~|bullying~|bully|humiliated~|humiliating~|degrading|belittled~|belittling~|intimidated~|intimidating~|intimidation
        a M: screamed|swore|sworn|swearing|yelled ..1 at ..1 me|her|him|us|them|patient|patients|mum|dad|mother|father|nan|gran|grandad
        a M: called ..1 me|her|him|us names
        a M: rough|roughly ..2 handled|handling|with|treated|pulled|grabbed|pushed|manner|hands|care
        a M: handled|treated|moved|pulled|turned|washed|changed|grabbed ..2 roughly
        a M: manhandled~|manhandling
        a M: tied|strapped ..2 bed|chair|down|to
        a M: locked ..1 in ..2 room|toilet|bathroom|cupboard|side|bay
        a H: unexplained bruis*|injuries|marks
        a M: covered|came|come|sent ..2 bruises|bruising|bruised
        a H: stole|stolen|stealing|steal ..3 money|pension|bank|card|cards|savings|purse|wallet|jewellery|rings|from
        a M: money|jewellery|purse|wallet|rings ..2 missing|stolen|disappeared|vanished
        a H: domestic ..1 violence|abuse|abused|abusive
        a H: husband|partner|boyfriend|wife|girlfriend|ex|son|daughter|carer|stepdad|stepfather ..3 hits|hit|beats|beat|beaten|hurts|hurt|threatens|threatened|controls|controlled|kicks|kicked|punches|punched|slaps|slapped|chokes|choked|strangles|strangled|pushed|pushes
        a M: was|were|been|being|got hurt|harmed|injured|mistreated|threatened|bullied by
        a M: flinch|flinches|flinched|flinching|cowers|cowering|cowered
        a M: taking|takes|took|taken|steals|keeps ..3 pension|wages|benefits|savings|allowance
        a M: wont|doesnt|didnt|never ..1 let|lets|allow|allows ..1 me|her|him ..1 see|go|leave|out|have|use|talk|speak|phone|contact
        a L: shouts|shouted|shouting|shout|yells|yelled|yelling|screams|screaming|snapped|snaps at ..1 me|her|him|us|them|mum|dad|patients|patient
        a M: takes|took|taking|taken|has|uses|used ..2 bank|card|cards|pin|benefits
        a M: mocked|mocking|mocks|ridiculed|taunted|taunting|laughed|laughing ..2 me|her|him|my|mum|dad|patient|patients|them
        a M: frightened|scared|afraid|terrified|worried ..3 he|she|they will|would|might ..1 hurt|harm|hit|kill
        a M: coercive|coercion|controlling ..1 behaviour|partner|husband|relationship|wife|boyfriend
        a H: trafficked|trafficking|slavery|fgm|mutilation|exploited~|exploitation~|exploiting|grooming|groomed|radicalised
        a H: forced marriage|sex|himself|herself
        a M: afraid|scared|frightened|terrified|fear ..1 to go|going home
        a M: afraid|scared|frightened|terrified|fear of ..1 husband|partner|boyfriend|wife|son|daughter|carer|carers|him|her|dad|stepdad|staff|nurse|nurses
        a M: feel|felt|feeling|feels unsafe|threatened
        a M: not|dont|didnt|never|doesnt|wasnt|isnt ..1 feel|felt|feeling safe
        a M: not|wasnt|isnt|never safe ..1 at|to|going home
        a M: safeguarding ..1 concern|concerns|issue|issues|referral|alert|raised|report|reported
        a L: safeguarding ..1 team|lead|nurse|nurses|training|officer|policy|service|adult|adults|children|board
        a L: child protection|safeguarding
        a L: domestic ..1 violence|abuse advocate|advocates|worker|workers|service|services|support|charity|team|refuge
        a L: idva
        x L: drug|drugs|alcohol|substance|solvent abuse|misuse

        # --- neglect ---
        n M: neglected~|neglect~|neglecting~|neglectful~|neglects|negligence~|negligent~|neglegence|negligently
        n M: left|lying|lay|laying|laid|sat|sitting|sit|lie|lain ..3 soiled|soaking|soaked|urine|wee|faeces|feces|poo|excrement|vomit|incontinence|sick|mess|poop
        n M: wet|dirty|soiled|filthy|stained|soaking ..1 sheets|bed|bedding|pad|pads|nappy|nappies|clothes|nightdress|nightie|pyjamas|underwear|knickers
        n M: own urine|wee|faeces|feces|mess|excrement|vomit|sick
        n M: nobody|noone|never|not|wasnt|werent|hadnt|didnt|no ..3 gave|give|given|offered|brought|bring|helped|fed ..3 water|drink|drinks|fluids|food|meal|meals|eat|drinking|eating|fed|feed|cup
        n M: without|no ..2 food|water|drink|drinks|fluids|meal|meals|medication ..2 for ..2 hours|hour|days|day|night|whole
        n M: out of reach
        n M: became|got|left|become|becoming|getting|ended ..1 dehydrated~|dehydration~|malnourished~|malnutrition~|starving|starved
        n M: dehydrated~|malnourished~|malnutrition~ ..4 ward|care|hospital|nobody|noone|staff
        n M: bell|bells|buzzer|buzzers ..5 ignored|unanswered|nobody|noone|ages
        n M: bell|bells|buzzer|buzzers ..3 not|never|wasnt|werent|isnt|arent answered
        n M: ignored|ignoring|ignore ..3 bell|buzzer|cries|crying|cry|screams|screaming|pleas|begging|calls|shouts|shouting|hours|hour|night
        n M: nobody|noone|no ..2 came|come|checked|check|answered|responded|helped|turned|washed|changed ..4 hours|hour|night|ages|day|days|help|forty|twenty|minutes
        n M: not|never|wasnt|werent|hadnt|nobody|noone|no|without ..3 wash|washed|bath|bathed|shower|showered ..5 days|day|week|weeks|whole
        n M: not|never|wasnt|werent|hadnt|nobody|noone|no ..2 washed|bathed|showered|changed|turned|repositioned|fed|shaved|toileted ..3 days|day|hours|week|weeks|once|whole|all
        n M: nobody|noone|no|never|not|hadnt|wasnt|werent|didnt ..2 changed|change|checked ..2 pad|pads|nappy|nappies|sheets|bed|dressing|dressings|catheter
        n M: lost ..3 weight ..6 nobody|noone|eat|ate|eating|food|meals|fed
        n M: no|nobody|noone|never ..2 made sure|helped ..2 ate|eat|eating|drank|drink|drinking
        n M: left ..6 corridor|corridors ..3 night|hours|hour|all|day|ages
        n M: left ..2 for ..2 hours|hour|ages|night
        n M: wetting|wet|soiled|soiling herself|himself|themselves|myself
        n M: unwashed|unattended~|uncared=|unfed|unchanged
        n M: left ..3 floor|unattended|alone ..3 hours|hour|night|days|day|ages|floor
        n M: found|lying|lay|laying|lain|sitting|sat ..2 on ..3 floor
        n M: before ..1 anyone|anybody|someone|somebody found|noticed|came|looked|saw|checked|realised
        n M: left ..2 in ..2 pain|agony|distress
        n M: left ..1 to die|suffer|rot
        n M: bed|pressure ..1 sore|sores|ulcer|ulcers|damage
        n M: bedsore|bedsores
        n M: no|not|never ..2 dignity|respect ..3 toilet|commode|washed|naked|exposed|undressed|soiled
        n M: naked|exposed|undressed ..3 curtains|curtain|everyone|corridor|bay|open|visitors

        # --- violence ---
        v H: was|were|been|being|got|get|gets|getting {violent} by|at|in|on
        v H: shook|shaking|shaken ..1 baby|child|infant|toddler
        v H: was|were|been|being|got|get|gets|getting {violent} against|into|onto|across|to|down|over
        v H: threw|throwing|thrown|chucked|lobbed|hurled ..6 at ..1 me|her|him|us|them|staff|nurse|nurses|patient|patients|someone
        v M: lunged|lunging|swung|swinging ..1 at|for
        v M: went|going|goes for ..1 staff|nurse|nurses|receptionist|doctor|patient|porter|security|guard|midwife
        v M: {violent} ..1 wall|walls|door|doors|window
        v H: {violent} ..1 receptionist|porter|hca|paramedic|visitor|man|woman|lady|guy|bloke|girl|boy|student|officer|guard|midwife|consultant|cleaner|me|him|her|us|them|patient|patients|staff|nurse|nurses|doctor|carer|mum|mam|dad|mother|father|wife|husband|partner|son|daughter|nan|nana|nanna|grandad|grandma|grandmother|grandfather|gran|granny|child|baby|kid|kids|brother|sister|someone|somebody|around|about
        v H: beat|beaten|beating up
        v M: heavy handed|handedly
        v M: heavyhanded
        v M: slammed|threw|thrown|pinned|dragged|tackled|forced|pushed|shoved ..4 ground|floor|wall
        v M: threatening|threatened|threats|threaten ..3 smash|wreck|break|trash|damage|burn
        v M: pinches|pinched|pinching|pinch|nips|nipped ..1 me|him|her|them|us|mum|dad
        v M: grabbed|yanked|twisted|pulled|squeezed|gripped ..2 arm|arms|wrist|wrists|neck|throat|hair|face
        v H: assault~|assaulted~|assaults|attacked~|violent~|violence~|violently
        v M: physically|verbally aggressive|aggression|threatening|violent
        v M: aggressive|aggression|threatening|violent ..1 towards|to|with ..1 me|her|him|us|staff|patients|patient|nurse|nurses|mum|dad
        v H: threatened|threatening|threats|threaten|threat ..4 kill|hurt|stab|hit|harm|beat|knife|violence|violent|punch|smack|attack|shoot
        v H: said|saying|says|going|gonna|would|will|told ..3 kill|stab|shoot|hurt ..1 me|her|him|you|us|them|everyone|myself
        v H: stabbed~|stabbing|stab|gunpoint|knifepoint
        v M: with|had|pulled|carrying|brandishing|brandished|holding|waving ..2 knife|knives|weapon|gun|blade|machete
        v M: weapon|weapons|gun|guns|machete
        v M: fight|fights|fighting|brawl|scuffle ..2 broke|break|out|ward|between|started
        v M: restrained~|restraining|restraint|pinned ..3 floor|down|roughly|force|forcibly|security|bed|ground
        v M: security ..3 dragged|tackled|grabbed|pinned|restrained|rough|roughly|force
        v M: feel|felt|feeling|feels ..1 scared|frightened|afraid|terrified ..2 patient|man|woman|him|her|them|visitor|bay

        # --- serious clinical concern ---
        c H: stopped|stop|stops|stopping ..1 breathing
        c H: someone|somebody|another|other elses|patients ..1 medication|medications|tablets|meds|insulin|blood|drugs|medicine
        c M: didnt|nobody|noone|not|never|failed ..1 notice|noticed|spot|spotted|realise|realised|realize|check|checked|monitor|monitored ..6 dropping|dropped|falling|low|levels|deteriorating|deteriorated|worse|sepsis|bleeding|breathing|saturation|sats|sugar|sugars
        c M: sent|told|go|went|going ..2 home ..6 heart|stroke|sepsis|fracture|broken|clot|bleed|appendicitis|meningitis
        c M: floor ..3 ages|hours|hour|night|found
        c H: turned|went|going|looked|turning|looking ..1 blue|grey
        c H: unresponsive|unconscious ..3 nobody|noone|hours|left|found|ignored|floor
        c H: cardiac arrest
        c H: crash team|call
        c M: collapsed~|collapsing|collapse
        c H: wrong ..1 medication|medications|medicine|medicines|drug|drugs|dose|doses|dosage|tablets|tablet|pills|pill|patient|leg|arm|side|eye|kidney|blood|injection|insulin|drip|fluids|operation|procedure|baby|notes|bag
        c M: medication|medications|meds|insulin|tablets|antibiotics|dose|doses|painkillers|medicine|medicines ..3 missed|forgot|forgotten|skipped|withheld|omitted
        c M: medication|medications|meds|insulin|tablets|antibiotics|dose|doses|painkillers|medicine|medicines ..2 not|never|werent|wasnt given|administered|offered
        c M: missed|forgot|forgotten|skipped|withheld|omitted ..3 medication|medications|meds|insulin|antibiotics|dose|doses|medicine|medicines|tablets|injection|injections
        c M: not|never|wasnt|werent|didnt ..1 given|give|get|receive|received|had ..2 medication|medications|meds|insulin|antibiotics|dose|doses|painkillers|tablets|medicine|medicines
        c H: overdose ..1 of ..1 insulin|morphine|medication|heparin|paracetamol
        c H: misdiagnos*|undiagnosed|misdiagnosed~|misdiagnosis~|misdiagnoses
        c H: missed ..2 diagnosis|fracture|broken|cancer|sepsis|stroke|tumour|bleed|infection|clot
        c M: sepsis~|septic|septicaemia|meningitis|haemorrhage~|hemorrhage|anaphylaxis|anaphylactic
        c M: deteriorat* ..4 nobody|noone|ignored|unnoticed|missed|hours|left|not
        c M: allergic|allergy|allergies ..4 despite|given|gave|ignored|told|reaction
        c M: despite|though|knowing|knew ..3 allergy|allergic|allergies
        c H: double|twice|triple|treble ..2 dose|doses|dosage|insulin|morphine
        c M: baby|babies|babys ..3 distress|distressed|heartbeat|heart
        c M: nobody|noone|no|never|not|didnt|wasnt|werent ..3 obs|observations|checks|monitoring
        c M: ended|ending|end|taken|rushed|moved|transferred|went ..3 intensive|icu|itu|resus|hdu
        c H: nearly|almost|could|couldve ..1 died|killed|dead|die
        c H: died|death|dead|passed ..4 because|avoidable|preventable|unnecessarily|needlessly|neglect|negligence
        c H: avoidable|preventable|unnecessary|needless ..1 death|deaths|harm
        c M: fell|fall|falls|fallen|falling ..3 bed|floor|toilet|bathroom|shower|unattended|unsupervised|again|ward|chair|commode
        c M: sent home ..4 broken|fracture|fractured|sepsis|stroke|bleeding|clot|pneumonia|appendicitis
        c M: discharged ..4 broken|fracture|fractured|sepsis|stroke|bleeding|clot|pneumonia|appendicitis
        c M: discharged|discharge|home ..2 too early|soon|quickly
        c M: discharged|discharge ..2 unsafe|unsafely|prematurely|readmitted
        c M: unsafe ..1 discharge|staffing|care|ward|practice|levels
        c H: never event|events
        c M: serious incident|incidents|untoward
        c M: datix|datixed
        c M: dnr|dnacpr|resuscitate|resuscitation ..6 without|not|never|wasnt|werent|nobody
        c M: oxygen ..3 ran|run|running|turned|switched out|off
        c M: oxygen ..3 empty|removed|forgot|forgotten
        c M: seizure|seizures|fitting|fit ..3 nobody|noone|ignored|left|alone|hours
        c M: choked|choking ..2 on|food
        c M: bleeding|bled ..4 nobody|noone|ignored|hours|floor|everywhere|heavily
        c M: blood ..4 nobody|noone|ignored|everywhere
        c M: no|without|never|not ..2 pain ..1 relief|killers|medication|meds ..3 hours|hour|day|days|night|all|whole
        c M: no|without|never|not ..2 painkillers|analgesia ..3 hours|hour|day|days|night|all|whole

        # === Vocabulary layer ===
        # The phrases above are whole wordings. The lines below reason from the vocabulary of each concern instead: a
        # word that signals the category on its own (ligature, noose, starved, strangled), or a concern word next to a
        # cue that makes it one (a body part after "cut", a person after "bit", a time after "without food"). They
        # were added because the phrase list found only about a quarter of concerning comments written after it was
        # frozen; they go through the same negation and harmless readings.

        # suicide: means, plans, goodbyes, no future
        s H: hang|hanging|hanged|hung ..2 myself|himself|herself|themselves|meself
        s H: noose|nooses
        s M: rope|ropes ..3 sorted|ready|bought|buy|got|neck|loft|garage|tree|myself|himself|herself
        s H: want|wanted|wanting|wanna|going|gonna|thinking|thought|planning|planned|tried|trying|try|decided ..3 end ..1 it|things|everything|myself|himself|herself|my|his|her
        s H: better|happier ..3 without ..1 me|him|her|them
        s H: better off ..3 dead|without|ground|grave|gone|heaven
        s M: cant|couldnt|cannot|dont|doesnt|didnt|no ..2 see ..1 a|any future|point
        s M: no future|hope
        s M: would|will|wud|gonna|going be ..2 last night|day|time
        s M: last night|day on earth
        s H: note|notes|letter|letters|message|messages|text|texts ..2 saying|said|says ..2 sorry|goodbye|bye|goodbyes
        s H: goodbye|suicide note|notes|letter|letters|message|messages|texts
        s H: jump*|step|steps|stepped|stepping|throw|throwing|threw ..2 off|front|under|from ..3 bridge|roof|building|cliff|balcony|tower|motorway|storey|multistorey|ledge|platform|window|flyover|viaduct
        s H: take|taking|took|swallow*|downed|necked ..2 loads|load|lots|lot|handful|handfuls|all|whole|box|boxes|packet|packets|bottle|bunch|pile|stash ..4 tablets|pills|meds|medication|paracetamol|painkillers|sleeping|antidepressants
        s M: cant|cannot|couldnt|cnt ..1 do|take|handle|face ..1 this|it|life ..2 anymore|any|no more|longer
        s M: not|wont|wouldnt|never be|being here|around ..2 anymore|tomorrow|christmas
        s M: kill|killing|killed ..1 meself|myself
        s H: suicide~ attempt|attempts|note|risk|watch|plan

        # self-harm: the means and the marks
        h H: cut*|cuttin|cuttting ..1 again|myself|herself|himself|meself
        h M: cut*|cuttin|slash*|slit* ..3 arms|arm|wrist|wrists|legs|leg|thighs|thigh|skin|stomach|tummy
        h M: scratch*|pick*|claw*|tear*|tore|rip*|gouge* ..6 bleed*|blood|raw|bleeds
        h M: burn|burns|burned|burnt|burning ..3 arms|arm|wrists|wrist|skin|legs|thighs
        h H: cigarette|cigarettes|lighter ..3 burn|burns|burnt|burned|arms|skin
        h M: razor|razors blade|blades
        h M: razor*|blade*|blades|sharps|sharp|glass|knife|knives ..4 hidden|hide|hiding|hid|stash*|secret|found ..3 room|bag|bedroom|pillow|mattress|drawer|locker
        h M: marks|scars|scarring|cuts|scratches|wounds|bandage*|bandaged|plasters|dressings ..4 up|all|on|down|both|round|around ..3 arms|arm|wrists|wrist|legs|thighs
        h M: punches|punch|punched|punching|hits|hitting|bangs|banging|kicks|kicking walls|wall|doors|door ..4 knuckles|hands|hand|bleed*|broke|break|broken
        h M: hurt*|harm*|injur*|punish*|starv* ..1 myself|herself|himself|meself|themselves ..2 again|more|worse|badly|deliberately
        h M: head ..1 banging|butting ..3 wall|walls|floor

        # violence: weapons, blows and where they landed
        v M: broken|smashed|glass bottle|bottles|glass
        v M: attack|attacks|attacker|attackers|attacking
        v M: mugged|jumped ..1 by|me|him|her
        v H: strangl*|throttl*|stamped|stamping ..2 on|him|her|me|them|neck|head
        v H: smash*|smashed|hit|threw|broke|swung|brought ..4 over|across|into|on ..4 head|face|back|skull
        v H: booted|kneed|stamped|kicked|punched|punches|kicks|kicking|smacked|slapped|elbowed|headbutted|thumped|battered ..4 ribs|face|stomach|chest|groin|jaw|nose|mouth|teeth|eye|eyes|belly|back|balls
        v M: kicking|kicked|hitting|lashing|lashed|lash|lashes|hit|kick|punching ..1 out ..1 at|to|against
        v H: bit|bites|biting|bitten ..1 my|his|her|a|the|another|me|him|her|us|them ..2 mum|dad|nan|grandad|nurse|nurses|carer|hand|arm|finger|face|ear|me|him|her|staff|patient|child|son|daughter|wife|husband
        v M: threaten*|threats ..3 me|her|him|us|staff|nurse|nurses|patient|patients|mum|dad|family|kill|hurt|stab|hit|knife|violence|beat
        v M: grabbed|grabbing|grab|grabs|yanked ..1 me|her|him|us|them|mum|dad|nan|hold ..2 by|and|throat|neck|hair|arm|arms|wrist
        v M: punch*|punchup|punched ..2 me|him|her|them|us|someone|somebody|staff|nurse|face|wall
        v M: pinned|pin|pinning ..1 me|her|him|them|us|down|against
        v M: slapped|slap|slaps|slapping|smacked|smack|whacked|whack|thumped ..1 me|her|him|them|us|my|his|her|round|across|the

        # abuse: sexual, financial, psychological, coercion
        a H: sexual|sexually|sexualised|sex ..2 jokes|joke|comments|comment|remarks|innuendo|advances|favours|photos|pictures|messages|things|stuff|touching|contact|acts|behaviour
        a M: grope*|groping|fondl*|flashed|flashing|exposed ..1 himself|herself
        a M: lock*|locks|locked ..1 her|him|me|them|us ..1 in|inside|away
        a M: help|helps|helped|helping ..1 himself|herself|themselves ..1 to ..3 money|purse|wallet|pension|cash|savings|jewellery|card|cards|benefits
        a M: makes|made|make|forces|forced|force|gets|got ..2 sign|signing ..3 cheques|cheque|will|papers|house|money|over|forms
        a M: called|calling|calls|call ..3 nuisance|liar|idiot|stupid|fat|useless|waster|cow|bitch|drama|junkie|druggie|drunk|moaner|troublemaker|retard|thick|pathetic|disgusting|smelly|whinger|attention|seeker|slag|slut|animal
        a M: talk|talks|talked|talking|speak|speaks|spoke|spoken|spoke|treat|treats|treated|treating ..5 like ..3 dog|dogs|animal|animals|dirt|rubbish|idiot|criminal|prisoner|piece|object|scum
        a M: shut up
        a H: do|does|did|doing|done things|stuff ..1 to ..1 me|her|him ..2 night|dont|didnt|hurt|bedroom|bed|bath|secret
        a H: touch|touches|touched|touching|touchy|feely ..2 me|her|him ..2 where|private|down|night|bed|dont
        a M: too ..1 frightened|scared|afraid|terrified|frighten|scard ..2 say|tell|speak|complain|report|go|ask|anything
        a M: humiliat*|degrad*|belittl*|demean*|ridiculed|ridiculing|taunt*|torment*
        a M: control|controls|controlled|controlling ..3 money|finances|phone|where|who|everything|what
        a M: bully*|bullied|bullies

        # neglect: hunger, thirst, dirt, sores, things out of reach, children left to fend
        n M: malnourish*|malnutrition|starved=|emaciated
        n M: hungry|starving|thirsty|starvin|hungy ..4 nobody|noone|never|always|left|hours|days|no|kids|children|again|crying|begging
        n M: always|often|constantly|permanently|usually ..2 hungry|starving|thirsty|dirty|filthy|smelly|unwashed|hungy
        n M: mouth|lips|tongue ..3 parched|cracked|crusted|caked|bleeding|dried
        n M: mouth|lips|tongue ..2 so|bone|really|very|completely ..1 dry
        n M: parched
        n M: no|without|missed|missing ..2 dinner|food|meal|meals|breakfast|lunch|drink|drinks|water|fluids|tea ..4 nights|days|hours|running|whole|since
        n M: out ..1 of ..2 reach|reaching
        n M: jug|jugs|water|drink|drinks|cup|beaker ..3 empty|unfilled|reach
        n M: tray|trays|food|meal|meals|plate|dinner ..5 untouched|uneaten|reach
        n M: away full|untouched|uneaten
        n M: catheter|commode|bedpan|pad|pads|nappy|nappies|stoma|bag ..4 overflow*|leaking|leaked|burst|full|spilling
        n M: sore|sores|ulcer|ulcers|wound|wounds ..3 heel|heels|sacrum|bottom|buttocks|bone|grade|maggots|rotting|stinking
        n M: home alone
        n M: kids|children|child|baby|babies|toddler|toddlers|kid|son|daughter|brother|sister ..3 hungry|dirty|filthy|unwashed|smelly|unfed|neglected|starving|alone|hungy
        n M: nothing|never|no|empty ..3 fridge|cupboard|cupboards|food ..2 house|home|fridge
        n M: nothing|never|no ..2 anything ..2 fridge|cupboard|cupboards|house|eat
        n M: nobody|noone|never|no|didnt|wasnt|werent|not ..2 cut|cutting|helped|help|assisted|assist|feed|fed ..3 food|meal|meals|eat|eating|dinner|up
        n M: too ..1 weak|frail|confused|poorly|ill|tired ..2 ask|feed|eat|drink|reach|press|call|lift|open|shout
        n M: lying|lay|sat|sitting|left ..4 own ..1 urine|wee|faeces|mess|poo|sick|vomit
        n M: filthy|stinking|smelled|smelling|smelt|stank|reeked ..3 urine|wee|poo|faeces|pee
        n M: sat|sitting|left|lying|lay|kept ..3 same ..2 wet|dirty|soiled|clothes|pyjamas|pad|nightie|nightdress|sheets ..4 days|day|morning|hours|since|week|night

        # serious clinical concern: wrong site, wrong amount, missed diagnoses, deterioration
        c H: wrong ..1 finger|fingers|toe|toes|hand|foot|knee|hip|site|tooth|teeth|ear|breast|amount|strength|limb|vein|artery|child|organ|lung|ovary|testicle|eye
        c H: operated|operation|surgery|amputated|removed ..4 wrong
        c H: times ..1 the|his|her|my|normal|usual|prescribed|correct|right ..1 dose|amount|dosage|strength|prescribed
        c H: overdose|overdosed|od ..2 of|on|with|by ..2 insulin|morphine|medication|heparin|paracetamol|potassium|fentanyl|opioid|opioids|warfarin|digoxin|methotrexate|lithium|oxycodone
        c M: infection|fracture|fractures|sepsis|cancer|stroke|diagnosis|bleed|tumour|appendicitis|pneumonia|clot|break|heart|attack|meningitis|broken ..4 missed|overlooked|undiagnosed|misdiagnosed|ignored|unnoticed
        c H: dangerously|critically|dangerous|life ..2 low|high|ill|unwell|levels|dropped
        c M: without ..3 medication|medications|meds|insulin|tablets|antibiotics|inhaler|oxygen|medicine|medicines|painkillers|pain ..3 days|day|hours|night|week|whole|days
        c M: days|hours|weeks|nights|day|night|week ..2 without|no|missing ..3 medication|medications|meds|insulin|tablets|antibiotics|inhaler|oxygen|medicine|medicines|painkillers
        c M: heart ..1 rate|beat|beats|rhythm ..3 dropping|dropped|falling|fell|slowing|slowed|stopped|stopping|irregular|low|plummet*
        c M: sugar|sugars|glucose|bm|bms|oxygen|sats|saturation|saturations|pressure ..3 dropped|dropping|crashed|plummet*|dangerously|unrecordable|hypo|hypos
        c M: wouldnt|couldnt wake|rouse|respond
        c M: would|could not wake|rouse|respond
        c M: despite|though|knowing|knew ..6 allergy|allergic|allergies
        c M: penicillin|latex|nuts|peanuts|allergen ..6 allergic|allergy|allergies|reaction
        c M: bleed*|bleedin|haemorrhag* ..6 days|hours|nobody|noone|ignored|heavily|everywhere|theatre|weeks
        c M: ended|rushed|readmitted|back|emergency ..3 theatre|theatres|resus|icu|itu|hdu|intensive
        c M: never|not|nobody|noone|wasnt|werent ..1 monitored|observed
        c M: nobody|noone ..2 noticed|realised|spotted ..4 until|dying|dead|collapsed|unconscious|blue|wake|hours
        c M: only ..1 noticed|realised|spotted when
        c M: hypo|hypos|dka|ketoacidosis ..4 nobody|noone|ignored|hours|missed|unnoticed|left
        c M: drip|fluids|pump ..4 left|running|overloaded|overload|tissued|lungs
        c M: fluid ..2 on|in ..1 lungs|lung

        # second pass over the vocabulary, written before the third held-out round
        s H: drown|drowning|drowned ..1 myself|himself|herself|meself
        s M: sat|sitting|walked|walking|standing|stood|found|climbed ..3 tracks|railway|ledge|edge|cliff|roof|parapet
        s M: nothing|nobody|noone|no ..2 live|living ..1 for
        s M: tired|sick|weary ..2 living|life|alive|existing
        s M: dark|darkest ..1 thoughts|place|places
        s M: intrusive thoughts
        s M: wish|wished|wishing ..3 not|wasnt|werent|hadnt|never ..2 here|born|alive|woken|woke|existed
        s H: attempt|attempts|attempted ..2 on ..1 my|his|her|their ..1 life
        h M: fresh|deep|new|old ..1 cuts|wounds|scars|burns|slashes
        h M: making|made|make|makes ..1 myself|herself|himself|meself ..1 sick
        xh L: sick ..1 with ..1 worry|worrying|nerves|anxiety
        h H: tied|tying|tie|ties|wrapped|wrapping ..3 round|around ..2 neck|throat
        v M: spat|spit|spitting|spits ..1 at|on ..1 me|her|him|us|staff|nurse|nurses|doctor|patient|patients|them|my
        v M: threw|throw|throwing|swung|swinging ..1 a ..1 punch|punches
        v M: knocked|knock|knocking ..2 out|unconscious|senseless|down|over ..1 cold|me|him|her|them
        v M: knocked|knock|knocking ..1 me|him|her|them ..1 out|unconscious|down|over|flying
        v M: knife|knives|blade|gun|scissors|glass ..3 throat|neck|head|face|chest
        v M: came|coming|come|ran|running|charged|charging|lunged|flew at ..1 me|her|him|us|them|staff|nurse|nurses|patients|patient|doctor|my
        v M: fist|fists
        v M: black ..1 eye|eyes
        v M: kicked|kicking|kicks off ..1 at|with|and|shouting|screaming
        v M: aggressive|violent|abusive|threatening ..1 patient|patients|man|men|visitor|visitors|relative|relatives|woman|husband|partner|son|boyfriend
        a M: cut|cuts|cutting|isolat* ..3 off|from ..2 family|friends|everyone|children|kids|grandchildren|daughter|son
        a M: made|making|make ..1 fun ..1 of
        a M: against ..1 her|his|my|their|your will
        a M: racist|racism|racial|homophobic|transphobic ..2 abuse|comments|comment|remarks|names|slur|slurs|jokes|language
        n M: fend ..2 herself|himself|themselves|myself
        n M: skin and bone|bones
        n M: squalor|hoarding|infested|infestation|maggots|lice|headlice|nits|fleas|matted|unkempt|dishevelled
        n M: toenails|nails ..3 long|overgrown|curling|curled
        n M: nobody|noone|never|no|didnt|wouldnt|refused|werent|wasnt ..3 help|helped|take|took|assist ..3 toilet|commode|bathroom|loo|shower
        n M: told ..3 go|wee|pee|poo|do ..2 in ..1 her|his|my|the|a ..1 pad|bed|nappy|pants
        c H: died|passed ..2 waiting|before ..3 ambulance|doctor|seen|anyone|arrived|came|help
        c M: delay|delayed|delays|late ..2 diagnosis|diagnosing|diagnosed
        c M: mixed|mix|muddled up ..3 results|samples|scans|notes|bloods|babies|medication|tablets|patients|records
        c H: swab|swabs|instrument|instruments|sponge|clip|needle ..4 left|inside|retained
        c M: got|getting|became|went|gone worse ..4 nobody|noone|ignored|hours|days|listen|listened|sent
        c M: chest ..1 pain|pains ..6 ignored|dismissed|sent|anxiety|indigestion|heartburn
        c M: heart attack ..6 missed|anxiety|indigestion|heartburn|sent|dismissed|ignored
        c M: sent|discharged ..3 home ..6 readmitted|collapsed|died|resus|icu|sepsis|worse|blue|ambulance
        c M: fell|fall|falls|fallen ..4 broke|broken|fractured|fracture|head|hip
        c M: scald*|scalded

        s H: top|topped|topping|toppd ..1 myself|himself|herself|meself|themselves
        s H: unalive*|kms
        h M: been|started|still|keeps|kept|started ..1 cutting|cuttin|burning|scratching
        v H: glassed=|headbutt*|stomped
        v H: head butted|butt|butting
        a M: forced|forcing|force|made ..2 eat|swallow|feed|fed ..2 when|until|despite|down|crying|choking
        a M: force fed|feeding
        n M: hadnt|not|didnt|nothing|hasnt ..2 eaten|ate|eat|drunk|drank|drink ..3 days|hours|since
        n M: nobody|noone|never|not|wasnt|werent|hadnt ..3 brushed|combed ..3 teeth|hair
        n M: covered ..2 urine|poo|faeces|excrement|vomit|sick|pee|wee
        c H: medication|drug|drugs|prescribing|prescription|dispensing|insulin ..1 error|errors|mistake|mistakes
        c M: mistake|mistakes|error|errors ..3 medication|dose|doses|insulin|prescription|tablets|drugs
        c M: permanent|brain|nerve ..1 damage
        c M: misread|misreported|missed ..3 scan|xray|ray|mri|ct|results|bloods|ecg

        # third pass, after the third held-out round: general faults it showed, not its sentences
        s M: help|helped|helping ..1 me|him|her|them ..1 die|end
        s M: swallow|swallowed|swallowing ..3 everything|lot|loads|all|handful
        v M: split|fat|burst|bloody|bloodied ..1 lip|lips|nose
        v M: bruised|bruises|bruising|bruise|grazes|scratches ..2 face|cheek|cheeks|eye|eyes|neck|throat|jaw
        a M: threaten*|told|warned|said|says ..8 if ..3 complain*|tell|told|report*|telling
        a M: comments|comment|remarks|jokes|joke ..2 about ..2 body|breasts|bum|figure|chest|legs
        a M: tried|trying|try|tries ..2 kiss|touch|grope|grab|feel
        c H: adult ..1 dose|dosage|strength|amount|doses
        xc L: could|couldve|would|wouldve ..1 kill|killed for
        x L: laugh|laughing|laughed|laughter ..6 wet|wetting ..1 myself|herself|himself
        x L: beat|beaten|beating|beats ..2 into ..1 shape
        x L: painkillers|painkiller|tablets|medication|drugs|anaesthetic|morphine|sleeping|pills|meds|gas ..3 knocked|knock|knocks

        # fourth pass, after the fourth held-out round: pairs of cue words anywhere in one sentence, in either order
        h M: blade|blades|razor|razors|lighter|lighters|sharpener|sharpeners|compass|scissors|knife|knives|needle|needles|pins|cigarette|cigarettes|glass ..8 skin|arm|arms|wrist|wrists|leg|legs|thigh|thighs|stomach|tummy|belly
        h M: skin|arm|arms|wrist|wrists|leg|legs|thigh|thighs|stomach|tummy|belly ..8 blade|blades|razor|razors|lighter|lighters|sharpener|sharpeners|compass|scissors|knife|knives|needle|needles|pins|cigarette|cigarettes|glass
        h M: carve|carves|carved|carving|slice|slices|sliced|slicing|gouge|gouged|gouging|scrape|scraped|scraping|scar|scarring ..8 skin|arm|arms|wrist|wrists|leg|legs|thigh|thighs|stomach|tummy|belly
        v M: slammed|slam|slams|slamming|smashed|smash|smashing|bashed|bashing|rammed|ramming|swinging|swung|swing|stamped|stamping|throttled|throttling|strangled|strangling|dragged|dragging|shoved|shoving|headlocked ..8 head|heads|face|neck|throat|people|staff|nurse|nurses|patients|patient|dad|mum|son|daughter|wife|husband|nan|grandad|child|kids|visitors|everyone
        v M: headlock|headlocks|chokehold|strangehold|stranglehold
        v M: swinging|swung|swing|waving|waved|brandishing ..3 at ..1 people|staff|nurses|patients|me|us|everyone|someone|visitors
        s M: voices|voice ..5 jump|kill|die|hurt|harm|end|cut|stab|drown|hang
        s M: giving|gave|give|given|gives ..1 away ..2 stuff|things|belongings|possessions|pets|money|clothes
        s L: saying|said|says|say goodbye|goodbyes|bye ..3 people|everyone|everybody|family|friends|us|kids
        s M: want|wanted|wanting|wants|wish|wished ..2 all|everything|it ..3 stop|end|over
        s M: cant|cannot|couldnt|cnt ..1 keep ..1 going|living|on
        a M: stop|stops|stopped|stopping ..2 him|her|me|them|us ..1 seeing|contacting|calling|talking|visiting|going|phoning|ringing|leaving
        a M: keeps|kept|keeping|holds|held|got ..2 bank|cards|card|pin|pension|benefits
        a L: tells|told|telling|said|says|calls ..3 smells|stinks|smelly|disgusting|ugly|stupid|thick|fat
        a M: wont|refuse|refused|refuses|wouldnt|refusing ..4 unless
        a M: pictures|photos|pics|images|videos|selfies of ..1 himself|herself
        a H: nudes|nude|naked ..1 pictures|photos|pics|images
        n M: bed|sheets|pad|pads|clothes|pyjamas|nightie|mattress ..3 soaked|soaking|sodden|drenched|stank|stinking|soiled|sopping
        n L: stank|stunk|reeked|stench ..3 urine|wee|room|bay|bed|him|her
        n M: lost ..2 stone|stones|kilos|kg|pounds|lbs ..6 ward|weeks|days|hospital|meals|food|eating|fed
        n M: meals|meal|food|tray|trays|dinner|dinners ..3 sat|left ..1 there|uneaten|untouched|cold
        c M: forgot|forgotten|forget|forgetting ..2 restart|restarted|give|given|prescribe|prescribed|order|ordered|chart|charted|check
        c M: turned out ..3 had|was|were ..3 bleed|stroke|fracture|broken|sepsis|cancer|meningitis|clot|tumour|heart|appendicitis|infection|pneumonia|fractured
        c M: nobody|noone|never ..2 told|informed|mentioned|said ..3 until|for ..2 year|years|months|weeks
        c M: after|following ..2 op|operation|surgery|procedure|discharge ..6 stroke|clot|bleed|sepsis|died|collapsed|arrest

        # fifth pass, after the fifth held-out round (held-out-6): weighted concern words. A "w" line lists words of one
        # kind for one category, with a weight. Within one sentence each line counts once; a category is raised at medium
        # severity when its lines weigh 4 or more and one of them is a harm word (weight 2, no "!"): a harm word and a
        # strong context (weight 2), or a harm word and two kinds of weak context (weight 1). Context lines ("!") count
        # even after a negation ("I don't see the point") and never raise a category on their own. Every word also
        # stands for its inflections. The words after "~:" also match one misspelling wherever a line uses them.
        ~: himself herself myself themselves tomorrow anymore disappear paracetamol allergic allergy penicillin stepdad boyfriend girlfriend
        ~: deliberately intentionally purpose strangle throttle headbutt assault attack battered punched kicked smacked slapped
        ~: hungry starving dehydrated unwashed filthy soiled nappies unresponsive unconscious seizure breathless fractured
        ~: swollen swelled reaction dismissed ignored wristband misread pointless goodbye burden disappeared overdose

        # suicide: a wish to be gone, with time, means or other people
        ws 2: die|alive|exist|existing|disappear|vanish|unalive
        s H: better off ..4 wasnt|werent|not|gone|without ..1 around|here|alive|me|him|her
        ws 2!: point|pointless|burden|goodbye|goodbyes
        ws 1!: anymore|tomorrow|forever|wake|waking|morning|tonight
        ws 1!: everyone|everybody|nobody|noone|family|kids|world|notice|noticed|miss
        ws 1!: pills|paracetamol|tablets|overdose|bridge|rope|plan|planned|date|letters|letter|note
        ws 1!: myself|meself|wish|rather|better|done|enough|tired
        x L: die|dying|dies ..1 down|out|off|hard
        x L: point ..2 view|contact|care|call|entry|sale|time|where

        # self-harm: a harm done to oneself, where, with what and why
        wh 2: cut|cutting|burn|burns|burnt|scratch|pick|picking|carve|hurt|harm|injure|punish|starve|bang|bleed|bled|scar|scars|scab|scabs
        wh 2!: himself|herself|myself|meself|themselves|purpose|deliberately|deliberate|intentionally|secretly|secret|urge|urges
        wh 1!: arms|arm|wrists|wrist|thighs|thigh|legs|skin|stomach|sleeves
        wh 1!: stressed|upset|angry|overwhelmed|punishment|bad|low|numb
        wh 1!: lighter|blade|blades|razor|straighteners|compass|sharpener|pen|nails|raw|blood
        wh 1!: hide|hides|hiding|again|keeps|always|every

        # abuse: harm by someone close, or by someone with power over a person who cannot stop it
        wa 2: hit|slap|smack|punch|kick|thump|beat|batter|shove|grab|pinch|threaten|steal|mock|bully|humiliate|insult|belittle|swear|lock|control
        wa 2!: stepdad|stepfather|stepmum|stepmother|boyfriend|girlfriend|partner|husband|ex|uncle|carer|carers
        wa 1!: scared|afraid|terrified|frightened|fear|frightens
        wa 1!: money|pension|purse|bank|benefits|cards|savings
        wa 1!: drink|drunk|drugs
        wa 1!: marks|bruise|bruises|bruising|school
        wa 1!: dementia|deaf|blind|residents|resident|vulnerable|elderly|disabled
        wa 1!: phone|friends|names|fun|worthless|useless|stupid
        wa 1!: wife|son|daughter|aunt|family|mum|dad|nan|grandad

        # neglect: someone who depends on others, without what they need
        wn 2: fend|bins|scavenge|hungry|starving|unfed|unwashed|soiled|smelly|stinking|thirsty|dehydrated|sores|ulcer|filthy|dirty|nappy|nappies
        wn 2!: kids|children|child|ones|baby|babies|toddler|toddlers|siblings
        wn 1!: left|alone|own|unsupervised|unattended|ignored|nobody|noone
        wn 1!: nights|night|days|hours|weekend|always|often|again
        wn 1!: mum|dad|nan|grandad|gran|elderly|resident|residents
        wn 1!: bed|heel|heels|bottom|same
        wn 1!: mentioned|noticed|checked|told

        # violence: a blow, where it landed, on whom, and what it did
        wv 2: booted|boot|kick|punch|stamp|headbutt|batter|beat|attack|assault|stab|knife|slam|choke|strangle|throttle|thump|smash|glassed=|bottled|hit|shove|wallop|deck
        wv 2!: drunk|drunken|aggressive|violent
        wv 1!: head|face|ribs|jaw|nose|teeth|eye|eyes|neck|throat|chest|stomach|ground|wall
        wv 1!: man|men|woman|lad|lads|guy|patient|visitor|husband|brother|son|staff|nurse|receptionist|security|police
        wv 1!: blood|bleeding|broken|bruised|bruises|unconscious|ambulance
        x L: choked|choke|chokes|choking up|back
        xv L: were|was|been|being|got|get attacked|attack by|with ..1 questions|calls|emails|forms|paperwork|letters

        # clinical: a serious sign, dismissed or missed; a known risk ignored
        wc 2: allergic|allergy|allergies|anaphylaxis|swelled|swollen|swelling|reaction|broken|fractured|fracture|floppy|limp|grey|blue|unresponsive|seizure|fitting|breathless|sepsis|bleed|stroke|clot|deteriorated|collapsed|jaundiced|unconscious
        wc 2!: wristband|chart|misread|dismissed|ignored|missed|despite
        wc 1!: just|only|tired|virus|anxiety|sprain|nothing|fine
        wc 1!: later|week|weeks|days|again
        wc 1!: told|said|sent|home
        wc 1!: xray|scan|scans|bloods
        wc 1!: baby|nurse|doctor|gp|penicillin

        # harmless readings of vocabulary words
        x L: overdose|overdosed ..1 of ..1 paperwork|information|forms|questions|love|kindness|jargon|attention|sugar|caffeine|tea|coffee|chocolate|cake|compassion|care
        x L: nearly|almost|could|couldve ..1 died|die ..1 laughing|laughter|happy
        x L: nearly|almost|could|couldve ..1 died|die of|from|with ..1 embarrassment|shame|boredom|laughing|laughter|fright|shock|happiness|joy|thirst|hunger
        x L: kill|killing|killed themselves|himself|herself|yourself|yourselves ..2 work|working|trying|rushing|running|help|to|for
        x L: physio|physios|physiotherapist|physiotherapists|physiotherapy|therapist|therapists|trainer|team ..3 pushed|pushing|push|pushes
        xv L: heart|panic|asthma|anxiety|angina|gout|migraine|gallbladder|vasovagal|sickle|copd|ms ..1 attack|attacks
        xh L: cut|cuts|cutting me|him|her|us|them off|short|down
        x L: cutting ..1 edge|corners|costs|waiting|waits|times|list|lists
        x L: out ..1 of ..2 reach|reaching ..1 of ..1 children|kids
        x L: shut up ..1 shop|the
        x L: sexual ..2 health|clinic|history|orientation|identity|wellbeing|partner|partners
        x L: broken ..1 glass ..2 floor|window|door|cleared|swept
        x L: bit ..1 of|more|less|better|worse|longer|too|late|short|slow|rude|much
        x L: wrong ..1 name ..2 letter|letters|appointment|system|card
        x L: attack ..1 of ..1 the|nerves|anxiety|gout
        x L: pressure ..3 dropped|dropping ..2 back|normal|slightly|bit
        x L: back ..1 to|in ..1 surgery ..2 for|to
        x L: hit|hits ..2 nail|nails
        x L: left|kept|put|waiting|waited|waits|held on hold
        x L: machine gun
        x L: laugh|laughed|laughing|laughs with
        x L: made|make|makes|making me|him|her|us|them laugh
        x L: uncaring

        # --- harmless uses that cancel an overlapping concern ---
        x L: stabbing|shooting|sharp|burning pain|pains|sensation|headache
        x L: life threatening|threatened|saving|save|saver
        x L: fell|fall|falling|falls asleep
        x L: died|dying|dead|die ..1 laughing|embarrassment|shame|boredom|happy|to|for
        x L: dying to|for
        x L: violently|violent ..1 sick|ill|vomiting|shaking|cough|coughing|headache
        x L: pushed|pushing|push|wheeled|wheeling ..5 wheelchair|chair|trolley|pram|buggy|bed|bath
        x L: pushed|pushing|push|encouraged ..1 me|him|her|us to|for|along ..1 walk|do|get|try|keep|exercise|go|be|improve|recover|move|stand|eat|drink|mobilise|it|harder|an|a|the
        x L: it|that|reality|news|realisation|realization|what|really ..1 hit|hits|hitting me|him|her|us|home
        x L: hit|hits me|him|her|us hard|later|that
        x L: hit|hits|hitting|banged=|bumped|knocked his|her|my|their head|leg|legs|arm|arms|knee|knees|elbow|face|hip|back|foot|toe
        x L: beat|beats me|him|her|us to
        x L: kicked|threw|chucked|kick|throw|kicking|throwing me|him|her|us|them out|off
        x L: cut|cuts|cutting myself|herself|himself shaving
        x L: take|taking|took all ..1 tablets|pills|medication|meds|medicine|medicines home|with|every|each|before|after|in|on|properly|correctly|twice|daily
        x L: hurt|hurting|injured|injure myself|herself|himself falling|tripping|lifting|playing|gardening|exercising|running
        x L: bang|banging|banged|hitting ..1 head ..2 on|against ..2 door|cupboard|shelf|locker|table|headboard|frame|light
        x L: cardiac|heart ..1 arrest ..1 team
        x L: crash team ..1 were|was ..1 amazing|brilliant|quick|fast|great|fantastic
        x L: blood ..2 test|tests|taken|pressure|sugar|sugars|results|transfusion|bank|donor|donation|sample|samples|form|forms
        x L: fit ..1 and|well|enough
        x L: fall|falls ..1 prevention|team|clinic|service|assessment|alarm|sensor|mat
        x L: bed ..1 sores|sore prevention|mattress|cushion
        x L: out of reach|range ..1 of ..1 children|kids
        x L: turned|went ..1 grey ..1 hair
        x L: shot|shots|shooting ..1 vaccine|vaccination|jab|flu|covid|booster|injection|of
        x L: gave|give|given|giving ..1 me|him|her ..1 a ..1 shot
        x L: fight|fighting|fought ..2 infection|cancer|illness|disease|bug|covid|pneumonia|sepsis|for|back|tears|off
        x L: shaking|shook ..1 hands|hand|head
        x L: tied ..1 up ..1 with|in|at
        x L: punch|punches|punching ..1 line|card|bag
        """;

    /// <summary>Verbs of physical violence, used both actively ("pushed my mum") and passively ("was punched by").</summary>
    private const string ViolentVerbs =
        "hit|hitting|hits|punched~|punching|punch|punches|slapped~|slapping|slap|slaps|kicked|kicking|kick|kicks|pushed|pushing|push|" +
        "shoved~|shoving|shove|strangled~|strangling|choked|choking|throttled|headbutted~|beat|beating|beaten|battered~|assaulted~|" +
        "assaulting|attacked~|attacking|thumped~|thumping|smacked~|smacking|smack|bitten|dragged|dragging|threw|" +
        "throwing|elbowed|shot|stabbed~|strangled~";

    private static readonly Lexicon Compiled = Lexicon.Compile(Phrases.Replace("{violent}", ViolentVerbs, StringComparison.Ordinal));

    /// <summary>The concerns in a comment, at most one per category (the most serious, then the first).</summary>
    public static IReadOnlyList<SafeguardingConcern> Detect(string? text)
    {
        if (string.IsNullOrEmpty(text)) return [];
        return Compiled.Detect(text);
    }

    /// <summary>
    /// Compiled form: every lexicon word has an id; a comment's words are resolved to ids once (exact, any-ending,
    /// one-edit misspelling), and phrases are tried only from words that can start them.
    /// </summary>
    private sealed class Lexicon
    {
        /// <summary>A sentence's concern words raise their category when their lines' weights add up to this, a harm word among them.</summary>
        private const int ConcernScore = 4;

        private readonly FrozenDictionary<string, int> _prefix;
        private readonly int[] _prefixLengths;
        // A word as written, or an inflection of a lexicon word ("smacks" of "smack"), -> the lexicon ids it stands for.
        private readonly FrozenDictionary<string, int[]> _words;
        // Spellings that also match one letter off -> their number; that number -> the spelling and its ids.
        private readonly FrozenDictionary<string, int> _fuzzy;
        private readonly string[] _fuzzyWords;
        private readonly int[][] _fuzzyIds;
        // A one-letter deletion of a fuzzy spelling -> the spellings it came from.
        private readonly FrozenDictionary<string, int[]> _deletions;
        private readonly Phrase[][] _byFirstWord;
        private readonly FrozenSet<string> _negators;
        private readonly FrozenSet<string> _realWords;
        private readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _prefixSpan, _fuzzySpan;
        private readonly FrozenDictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> _wordsSpan, _deletionsSpan;
        private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _negatorsSpan, _realWordsSpan;

        private Lexicon(Dictionary<string, int> exact, Dictionary<string, int> prefix, HashSet<string> fuzzyMarked, HashSet<string> uninflected,
            List<Phrase> phrases, int wordCount)
        {
            _prefix = prefix.ToFrozenDictionary();
            _prefixLengths = prefix.Keys.Select(k => k.Length).Distinct().Order().ToArray();
            // Every lexicon word also stands for its regular inflections, so a line need not spell out "bang|bangs|banged".
            var words = new Dictionary<string, HashSet<int>>();
            var marked = new HashSet<string>();
            var spelled = new HashSet<string>();
            foreach (var (word, id) in exact)
            {
                var (real, guessed) = uninflected.Contains(word) ? ([word], []) : Forms(word);
                var forms = real.Concat(guessed).Distinct().ToArray();
                foreach (var form in forms)
                {
                    if (!words.TryGetValue(form, out var ids)) words[form] = ids = [];
                    ids.Add(id);
                    if (fuzzyMarked.Contains(word)) marked.Add(form);
                }
                // Only real forms take misspellings: a guessed form ("stabe" of "stab") would match real words (stage, state).
                spelled.UnionWith(real);
            }
            _words = words.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.Order().ToArray());
            // Misspellings: words marked ~ (or listed after "~:") of five letters or more, and their real inflections. Making
            // every long lexicon word fuzzy was tried: it cost five times the time for a few more misspellings.
            var fuzzyKeys = words.Keys.Where(w => spelled.Contains(w) && w.Length >= 5 && marked.Contains(w))
                .Order(StringComparer.Ordinal).ToArray();
            _fuzzyWords = fuzzyKeys;
            _fuzzyIds = fuzzyKeys.Select(k => _words[k]).ToArray();
            _fuzzy = fuzzyKeys.Select((k, i) => (k, i)).ToFrozenDictionary(x => x.k, x => x.i);
            var deletions = new Dictionary<string, List<int>>();
            for (var k = 0; k < fuzzyKeys.Length; k++)
            {
                var word = fuzzyKeys[k];
                for (var i = 0; i < word.Length; i++)
                {
                    var d = word.Remove(i, 1);
                    if (!deletions.TryGetValue(d, out var list)) deletions[d] = list = [];
                    if (!list.Contains(k)) list.Add(k);
                }
            }
            _deletions = deletions.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToArray());
            var byFirst = new List<Phrase>[wordCount];
            foreach (var p in phrases)
                foreach (var id in p.Elements[0].Words)
                    (byFirst[id] ??= []).Add(p);
            _byFirstWord = byFirst.Select(l => l?.ToArray() ?? []).ToArray();
            _negators = new[]
            {
                "no", "not", "never", "nothing", "without", "nobody", "noone", "none", "neither", "nor", "didnt", "dont", "doesnt",
                "wasnt", "werent", "isnt", "arent", "hasnt", "havent", "hadnt", "cant", "couldnt", "wouldnt", "wont", "zero", "free",
            }.ToFrozenSet();
            // Real words one letter away from a lexicon word: never read as its misspelling.
            _realWords = new[]
            {
                "amuse", "amused", "amuses", "amusing", "attached", "overdone", "violet", "violets", "slipped", "flapped", "clapped",
                "showed", "shaved", "shovel", "buttered", "bettered", "battened", "thumbed", "snacked", "stacked", "grouped", "rehydrated",
                "rehydration", "pinched", "attacker", "assaulter", "swapped", "swapping", "stopped", "shopped", "slipper", "slippers",
                // one letter from a word of eight letters or more, or an inflection
                "meditation", "meditations", "breeding", "bleating", "drooping", "dripping", "cropping", "starring", "stirring",
                "calling", "failing", "filling", "felling", "selling", "telling", "pointless", "counting", "mounting", "pounding",
                "sounding", "scouting", "shouting", "spitting", "splitting", "spotting", "shooting", "hoovering", "covering",
                "recovered", "recovering", "discovered", "uncovered", "dispensed", "impressed", "depressed", "expressed",
                "suppressed", "medicated", "dedicated", "indicated", "dictated", "prescribed", "described", "subscribed",
                "registered", "registrar", "christmas", "christening", "treatment", "treatments", "mistreat", "pretreated",
                "afterwards", "attending", "attended", "attendant", "intended", "intending", "pretending", "contending",
                "reassured", "reassuring", "measured", "measuring", "assured", "insured", "ensured", "assessing", "obsessing",
                "possessing", "processing", "progressing", "confessing", "professing", "respecting", "inspecting", "expecting",
                "suspecting", "selecting", "collected", "collecting", "connected", "corrected", "correcting", "protected",
                "protecting", "reflected", "perfected", "affected", "infected", "injected", "rejected", "projected", "inspected",
                "expected", "suspected", "respected", "detected", "deflected", "dejected", "elected", "ejected",
                "buses", "fully", "regarding", "patched", "patching", "stars", "banter", "shows", "gripe", "gripes",
            }.ToFrozenSet();
            _wordsSpan = _words.GetAlternateLookup<ReadOnlySpan<char>>();
            _prefixSpan = _prefix.GetAlternateLookup<ReadOnlySpan<char>>();
            _fuzzySpan = _fuzzy.GetAlternateLookup<ReadOnlySpan<char>>();
            _deletionsSpan = _deletions.GetAlternateLookup<ReadOnlySpan<char>>();
            _negatorsSpan = _negators.GetAlternateLookup<ReadOnlySpan<char>>();
            _realWordsSpan = _realWords.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        /// <summary>
        /// A word and its regular inflections, generated from its base: "smack" gives smacks, smacked, smacking;
        /// "stabbed" gives stab, stabs, stabbing; "bullied" gives bully, bullies, bullying. Some forms generated are not
        /// English ("smacke"); they never occur, so they cost nothing but memory. Words whose base is under four letters
        /// (hit, cut, bit) stand only for themselves, since their forms collide with other words (bits, sats).
        /// </summary>
        internal static IEnumerable<string> Inflections(string word) => Forms(word).Real.Concat(Forms(word).Guessed).Distinct();

        /// <summary>
        /// A word's real forms, and guesses: "tak" of taking is "take", a base that lost its e; "stab" of stabbed might
        /// be "stabed". Guesses match only as written, never with a misspelling, or they would catch real words ("stated").
        /// </summary>
        private static (List<string> Real, List<string> Guessed) Forms(string word)
        {
            List<string> real = [word], guessed = [];
            var b = Base(word);
            if (b.Length < 4) return (real, guessed);
            // English words do not end in v or u: "shov" of shoved is "shove".
            if (b[^1] is 'v' or 'u') b += "e";
            real.Add(b);
            var last = b[^1];
            if (last == 'y' && !"aeiou".Contains(b[^2]))
            {
                real.AddRange([b[..^1] + "ies", b[..^1] + "ied", b + "ing"]);
            }
            else if (last == 'e')
            {
                real.AddRange([b + "s", b + "d", b[..^1] + "ing"]);
            }
            else
            {
                real.Add(Sibilant(b) ? b + "es" : b + "s");
                // "scar" is scarred, not scared; "stab" is stabbed, never stabed.
                if (DoublesLast(b)) real.AddRange([b + last + "ed", b + last + "ing"]);
                else real.AddRange([b + "ed", b + "ing"]);
                // Only a suffix taken off ("taking", "hoped") can have taken an e with it; a doubled letter says it did not.
                var cut = word.EndsWith("ing", StringComparison.Ordinal) ? word[..^3] : word.EndsWith("ed", StringComparison.Ordinal) ? word[..^2] : null;
                if (cut == b) guessed.AddRange([b + "e", b + "es"]);
            }
            return (real, guessed);
        }

        private static bool Sibilant(string b) => b[^1] is 's' or 'x' or 'z' || b.EndsWith("ch", StringComparison.Ordinal) || b.EndsWith("sh", StringComparison.Ordinal);

        private static bool DoublesLast(string b) =>
            b.Length <= 5 && "bdgmnprt".Contains(b[^1]) && "aeiou".Contains(b[^2]) && !"aeiou".Contains(b[^3]);

        private static string Base(string w)
        {
            if (w.Length >= 6 && w.EndsWith("ing", StringComparison.Ordinal)) return Undouble(w[..^3]);
            if (w.Length >= 5 && (w.EndsWith("ied", StringComparison.Ordinal) || w.EndsWith("ies", StringComparison.Ordinal))) return w[..^3] + "y";
            if (w.Length >= 5 && w.EndsWith("ed", StringComparison.Ordinal) && !w.EndsWith("eed", StringComparison.Ordinal)) return Undouble(w[..^2]);
            if (w.Length >= 5 && (w.EndsWith("ches", StringComparison.Ordinal) || w.EndsWith("shes", StringComparison.Ordinal) || w.EndsWith("sses", StringComparison.Ordinal) || w.EndsWith("xes", StringComparison.Ordinal))) return w[..^2];
            if (w.Length >= 4 && w[^1] == 's' && w[^2] is not ('s' or 'u' or 'i')) return w[..^1];
            return w;
            static string Undouble(string b) => b.Length >= 4 && b[^1] == b[^2] && "bdgmnprt".Contains(b[^1]) ? b[..^1] : b;
        }

        public static Lexicon Compile(string source)
        {
            var exact = new Dictionary<string, int>();
            var prefix = new Dictionary<string, int>();
            var fuzzy = new HashSet<string>();
            var uninflected = new HashSet<string>();
            var phrases = new List<Phrase>();
            var slots = new int[6];
            var next = 0;
            int Id(Dictionary<string, int> into, string word)
            {
                if (!into.TryGetValue(word, out var id)) into[word] = id = next++;
                return id;
            }
            foreach (var raw in source.Split('\n'))
            {
                var line = raw.Trim();
                if (line.Length == 0 || line[0] == '#') continue;
                var colon = line.IndexOf(':');
                var head = line[..colon].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (head[0] == "~")
                {
                    // Words that also match one misspelling wherever a line uses them.
                    fuzzy.UnionWith(line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length >= 5));
                    continue;
                }
                // "w" and a category: a concern word and its weight, counted with the others of its sentence.
                var weighted = head[0].Length == 2 && head[0][0] == 'w';
                if (weighted) head[0] = head[0][1..];
                SafeguardingCategory? cancels = null;
                if (head[0].Length == 2 && head[0][0] == 'x')
                {
                    cancels = Parse(head[0][1..], line);
                    head[0] = "x";
                }
                var category = head[0] == "x" ? null : Parse(head[0], line);
                static SafeguardingCategory? Parse(string code, string line) => code switch
                {
                    "s" => SafeguardingCategory.Suicide, "h" => SafeguardingCategory.SelfHarm, "a" => SafeguardingCategory.Abuse,
                    "n" => SafeguardingCategory.Neglect, "v" => SafeguardingCategory.Violence, "c" => SafeguardingCategory.ClinicalConcern,
                    _ => throw new FormatException($"unknown category in lexicon line '{line}'"),
                };
                var weight = weighted ? int.Parse(head[1].TrimEnd('!'), System.Globalization.CultureInfo.InvariantCulture) : 0;
                var severity = weighted ? SafeguardingSeverity.Medium
                    : head[1].TrimEnd('!') switch { "H" => SafeguardingSeverity.High, "M" => SafeguardingSeverity.Medium, _ => SafeguardingSeverity.Low };
                // "!" marks a phrase whose meaning includes a negation before it ("don't want to be here anymore").
                var negatable = !head[1].EndsWith('!');
                var elements = new List<Element>();
                foreach (var part in line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    if (part.StartsWith("..", StringComparison.Ordinal))
                    {
                        elements.Add(new Element([], int.Parse(part[2..])));
                        continue;
                    }
                    var ids = new List<int>();
                    foreach (var alt in part.Split('|'))
                    {
                        if (alt.EndsWith('*')) ids.Add(Id(prefix, alt[..^1]));
                        else if (alt.EndsWith('='))
                        {
                            // A word that stands only for itself: its base or other forms mean something else ("glassed", "glass").
                            ids.Add(Id(exact, alt[..^1]));
                            uninflected.Add(alt[..^1]);
                        }
                        else if (alt.EndsWith('~'))
                        {
                            var w = alt[..^1];
                            // A fuzzy word is also an exact word; the same id serves both.
                            ids.Add(Id(exact, w));
                            if (w.Length >= 5) fuzzy.Add(w);
                        }
                        else ids.Add(Id(exact, alt));
                    }
                    elements.Add(new Element(ids.Distinct().ToArray(), 0));
                }
                if (elements.Count == 0 || elements[0].Gap > 0 || elements[^1].Gap > 0)
                    throw new FormatException($"lexicon line '{line}' must start and end with a word");
                var slot = 0;
                if (weighted)
                {
                    slot = slots[(int)category!.Value]++;
                    if (slot >= 64) throw new FormatException($"more than 64 concern words for {category}");
                }
                phrases.Add(new Phrase(category, severity, negatable, elements.ToArray(), cancels, weight, slot));
            }
            return new Lexicon(exact, prefix, fuzzy, uninflected, phrases, next);
        }

        [ThreadStatic] private static Scratch? t_scratch;

        private sealed class Scratch
        {
            public char[] Lower = new char[1024];
            public Token[] Tokens = new Token[256];
            public int[] Ids = new int[1024];
            public List<Match> Matches = [];
            public int WordIdStart;
        }

        private struct Token
        {
            public int Start, Length;          // the word in the lower-cased buffer, which starts where the text does
            public int End;                    // where the word ends in the original text (apostrophes included)
            public int IdStart, IdCount;       // lexicon ids this word resolves to
            public bool SentenceBreakBefore;   // . ! ? or a new line before it
            public bool ClauseBreakBefore;     // also , ; : ( and "but"
            public int Sentence;               // which sentence of the comment, for the concern-word scorer
        }

        private readonly record struct Match(Phrase Phrase, int FirstToken, int LastToken);

        public IReadOnlyList<SafeguardingConcern> Detect(string text)
        {
            var s = t_scratch ??= new Scratch();
            if (s.Lower.Length < text.Length) s.Lower = new char[Math.Max(text.Length, s.Lower.Length * 2)];
            var lower = s.Lower;
            var count = Tokenise(text, lower, s);
            if (count == 0) return [];
            var tokens = s.Tokens;

            // Resolve each word to lexicon ids.
            var idCount = 0;
            var any = false;
            Span<char> buffer = stackalloc char[64];
            for (var i = 0; i < count; i++)
            {
                ref var t = ref tokens[i];
                t.IdStart = idCount;
                s.WordIdStart = idCount;
                var word = new ReadOnlySpan<char>(lower, t.Start, t.Length);
                Resolve(word, buffer, s, ref idCount);
                t.IdCount = idCount - t.IdStart;
                any |= t.IdCount > 0;
            }
            if (!any) return [];

            var matches = s.Matches;
            matches.Clear();
            var raising = false;
            for (var i = 0; i < count; i++)
            {
                ref var t = ref tokens[i];
                var fromHere = matches.Count;
                for (var k = 0; k < t.IdCount; k++)
                {
                    foreach (var phrase in _byFirstWord[s.Ids[t.IdStart + k]])
                    {
                        // A word can stand for several lexicon words of one line ("picked" for pick and picking): once is enough.
                        if (t.IdCount > 1 && StartsHere(matches, fromHere, phrase)) continue;
                        if (MatchFrom(phrase, 1, i + 1, tokens, count, s.Ids, out var last))
                        {
                            // A phrase that starts with its own negation ("nobody gave her water") is not negated by it.
                            if (phrase.Category is not null && phrase.Negatable && !IsNegator(new ReadOnlySpan<char>(lower, t.Start, t.Length)) && Negated(lower, tokens, i)) continue;
                            matches.Add(new Match(phrase, i, last));
                            // Context words ("nurse", "told", "night") are common and raise nothing on their own.
                            raising |= phrase.Category is not null && (phrase.Weight == 0 || phrase.Negatable);
                        }
                    }
                }
            }
            if (!raising) return [];
            return Choose(text, matches, tokens);
        }

        private static bool StartsHere(List<Match> matches, int from, Phrase phrase)
        {
            for (var m = from; m < matches.Count; m++)
                if (ReferenceEquals(matches[m].Phrase, phrase)) return true;
            return false;
        }

        private void Resolve(ReadOnlySpan<char> word, Span<char> buffer, Scratch s, ref int idCount)
        {
            var isExact = _wordsSpan.TryGetValue(word, out var ids);
            if (isExact) AddAll(s, ref idCount, ids!);
            if (_prefix.Count > 0 && word.Length >= _prefixLengths[0])
            {
                var prefix = _prefixSpan;
                foreach (var len in _prefixLengths)
                {
                    if (len > word.Length) break;
                    if (prefix.TryGetValue(word[..len], out var pid)) Add(s, ref idCount, pid);
                }
            }
            // Misspellings only for words of five letters or more that are not lexicon words or known real words.
            if (word.Length < 5 || word.Length > buffer.Length || isExact) return;
            if (_realWordsSpan.Contains(word)) return;
            var deletions = _deletionsSpan;
            var fuzzy = _fuzzySpan;
            // A letter missing: the word is a deletion of a lexicon word.
            if (deletions.TryGetValue(word, out var missing))
                foreach (var m in missing) AddAll(s, ref idCount, _fuzzyIds[m]);
            for (var i = 0; i < word.Length; i++)
            {
                word[..i].CopyTo(buffer);
                word[(i + 1)..].CopyTo(buffer[i..]);
                var d = buffer[..(word.Length - 1)];
                // A letter extra: deleting it gives the lexicon word.
                if (fuzzy.TryGetValue(d, out var extra)) AddAll(s, ref idCount, _fuzzyIds[extra]);
                // A letter wrong or two swapped: both share a deletion; checked, since two deletions can also hide two edits.
                if (deletions.TryGetValue(d, out var near))
                    foreach (var n in near)
                        if (OneEditApart(word, _fuzzyWords[n])) AddAll(s, ref idCount, _fuzzyIds[n]);
            }
        }

        private static void AddAll(Scratch s, ref int idCount, int[] ids)
        {
            foreach (var id in ids) Add(s, ref idCount, id);
        }

        private static void Add(Scratch s, ref int idCount, int id)
        {
            // Only this word's own ids: a word repeated close by ("her partner locks her in") must keep its id.
            for (var i = idCount - 1; i >= s.WordIdStart; i--)
                if (s.Ids[i] == id) return;
            if (idCount == s.Ids.Length) Array.Resize(ref s.Ids, s.Ids.Length * 2);
            s.Ids[idCount++] = id;
        }

        /// <summary>Same length, one substitution or one adjacent swap.</summary>
        private static bool OneEditApart(ReadOnlySpan<char> a, string b)
        {
            if (a.Length != b.Length) return false;
            var first = -1;
            for (var i = 0; i < a.Length; i++)
            {
                if (a[i] == b[i]) continue;
                if (first >= 0)
                {
                    // Second difference: allowed only as the swap of the first pair.
                    return i == first + 1 && a[first] == b[i] && a[i] == b[first] && a[(i + 1)..].SequenceEqual(b.AsSpan(i + 1));
                }
                first = i;
            }
            return true;
        }

        private static bool MatchFrom(Phrase phrase, int element, int token, Token[] tokens, int count, int[] ids, out int last)
        {
            last = token - 1;
            if (element == phrase.Elements.Length) return true;
            var el = phrase.Elements[element];
            if (el.Gap > 0)
            {
                for (var skip = 0; skip <= el.Gap; skip++)
                {
                    var at = token + skip;
                    if (at >= count) return false;
                    if (tokens[at].SentenceBreakBefore) return false;
                    if (MatchFrom(phrase, element + 1, at, tokens, count, ids, out last)) return true;
                }
                return false;
            }
            if (token >= count || tokens[token].SentenceBreakBefore) return false;
            var t = tokens[token];
            for (var k = 0; k < t.IdCount; k++)
            {
                if (Array.IndexOf(el.Words, ids[t.IdStart + k]) >= 0)
                    return MatchFrom(phrase, element + 1, token + 1, tokens, count, ids, out last);
            }
            return false;
        }

        private bool Negated(char[] lower, Token[] tokens, int first)
        {
            var alt = _negatorsSpan;
            for (var i = first; i > first - NegationWindow && i > 0; i--)
            {
                if (tokens[i].ClauseBreakBefore) return false;
                var t = tokens[i - 1];
                if (alt.Contains(new ReadOnlySpan<char>(lower, t.Start, t.Length))) return true;
            }
            return false;
        }

        private bool IsNegator(ReadOnlySpan<char> word) => _negatorsSpan.Contains(word);

        private static IReadOnlyList<SafeguardingConcern> Choose(string text, List<Match> matches, Token[] tokens)
        {
            // A harmless reading cancels a concern when it covers the concern's first word ("fell asleep in bed"),
            // not when it merely touches its end ("the wrong blood transfusion" is not a "blood transfusion").
            Span<bool> cancelled = matches.Count <= 128 ? stackalloc bool[matches.Count] : new bool[matches.Count];
            for (var i = 0; i < matches.Count; i++)
            {
                var m = matches[i];
                if (m.Phrase.Category is null) { cancelled[i] = true; continue; }
                foreach (var o in matches)
                    if (o.Phrase.Category is null && (o.Phrase.Cancels is null || o.Phrase.Cancels == m.Phrase.Category) && o.FirstToken <= m.FirstToken && o.LastToken >= m.FirstToken) { cancelled[i] = true; break; }
            }
            List<SafeguardingConcern>? result = null;
            for (var i = 0; i < matches.Count; i++)
            {
                if (cancelled[i] || matches[i].Phrase.Weight > 0) continue;
                var m = matches[i];
                var category = m.Phrase.Category!.Value;
                var dropped = false;
                for (var j = 0; j < matches.Count; j++)
                {
                    // A longer phrase of the same category wins, unless a harmless reading cancelled it: "blood pressure
                    // was dangerously low" keeps "dangerously low" though "pressure was dangerously" was cancelled.
                    if (j == i || cancelled[j] || matches[j].Phrase.Weight > 0) continue;
                    var o = matches[j];
                    if (o.Phrase.Category != category || o.FirstToken > m.LastToken || o.LastToken < m.FirstToken) continue;
                    int mLen = m.LastToken - m.FirstToken, oLen = o.LastToken - o.FirstToken;
                    if (oLen > mLen || (oLen == mLen && o.Phrase.Severity > m.Phrase.Severity)) { dropped = true; break; }
                }
                if (dropped) continue;
                var start = tokens[m.FirstToken].Start;
                var end = tokens[m.LastToken].End;
                Keep(ref result, new SafeguardingConcern(category, m.Phrase.Severity, text[start..end], start, end - start));
            }
            ScoreConcernWords(text, matches, cancelled, tokens, ref result);
            return result is null ? [] : result;
        }

        private static void Keep(ref List<SafeguardingConcern>? result, SafeguardingConcern concern)
        {
            result ??= [];
            var existing = result.FindIndex(c => c.Category == concern.Category);
            if (existing < 0) result.Add(concern);
            else if (concern.Severity > result[existing].Severity) result[existing] = concern;
        }

        /// <summary>
        /// Concern words ("w" lines) add up within a sentence, each line once: when a category's lines weigh
        /// <see cref="ConcernScore"/> or more and one of them is a harm word (weight 2, not "!"), the category is raised at medium severity,
        /// naming the words from the first to the last that counted. Negated and harmless readings were dropped before.
        /// </summary>
        private static void ScoreConcernWords(string text, List<Match> matches, Span<bool> cancelled, Token[] tokens, ref List<SafeguardingConcern>? result)
        {
            Span<int> sentence = stackalloc int[6];
            Span<int> score = stackalloc int[6];
            Span<int> first = stackalloc int[6];
            Span<int> last = stackalloc int[6];
            Span<ulong> counted = stackalloc ulong[6];
            Span<bool> strong = stackalloc bool[6];
            Span<bool> raised = stackalloc bool[6];
            sentence.Fill(-1);
            for (var i = 0; i < matches.Count; i++)
            {
                var m = matches[i];
                if (cancelled[i] || m.Phrase.Weight == 0) continue;
                var c = (int)m.Phrase.Category!.Value;
                if (raised[c]) continue;
                var at = tokens[m.FirstToken].Sentence;
                if (sentence[c] != at)
                {
                    sentence[c] = at;
                    score[c] = 0;
                    counted[c] = 0;
                    strong[c] = false;
                    first[c] = m.FirstToken;
                    last[c] = m.LastToken;
                }
                var bit = 1UL << m.Phrase.Slot;
                if ((counted[c] & bit) != 0) continue;
                counted[c] |= bit;
                score[c] += m.Phrase.Weight;
                strong[c] |= m.Phrase.Weight >= 2 && m.Phrase.Negatable;
                last[c] = Math.Max(last[c], m.LastToken);
                first[c] = Math.Min(first[c], m.FirstToken);
                if (score[c] < ConcernScore || !strong[c]) continue;
                raised[c] = true;
                var start = tokens[first[c]].Start;
                var end = tokens[last[c]].End;
                Keep(ref result, new SafeguardingConcern((SafeguardingCategory)c, SafeguardingSeverity.Medium, text[start..end], start, end - start));
            }
        }

        /// <summary>
        /// Lower-cases into <paramref name="lower"/> at the same offsets as the text, and records words: letters and
        /// digits, with apostrophes inside a word dropped.
        /// </summary>
        private static int Tokenise(string text, char[] lower, Scratch s)
        {
            var count = 0;
            var sentence = 0;
            var sentenceBreak = false;
            var clauseBreak = false;
            var i = 0;
            while (i < text.Length)
            {
                var c = text[i];
                if (char.IsLetterOrDigit(c))
                {
                    var start = i;
                    var write = i;
                    while (i < text.Length)
                    {
                        c = text[i];
                        if (char.IsLetterOrDigit(c)) lower[write++] = char.ToLowerInvariant(c);
                        else if ((c == '\'' || c == '’') && i + 1 < text.Length && char.IsLetter(text[i + 1]) && write > start) { }
                        else break;
                        i++;
                    }
                    if (count == s.Tokens.Length) Array.Resize(ref s.Tokens, count * 2);
                    var length = write - start;
                    // A negation rarely reaches past a conjunction: "wasn't washed and was neglected" is still neglect.
                    var isBut = new ReadOnlySpan<char>(lower, start, length) is "but" or "and" or "so" or "because" or "then" or "which" or "while" or "though";
                    if (sentenceBreak && count > 0) sentence++;
                    s.Tokens[count++] = new Token
                    {
                        Start = start, Length = length, End = i,
                        SentenceBreakBefore = sentenceBreak, ClauseBreakBefore = sentenceBreak || clauseBreak || isBut, Sentence = sentence,
                    };
                    sentenceBreak = clauseBreak = false;
                    continue;
                }
                if (c is '.' or '!' or '?' or '\n' or '\r') sentenceBreak = true;
                else if (c is ',' or ';' or ':' or '(' or ')') clauseBreak = true;
                i++;
            }
            return count;
        }
    }

    private sealed record Element(int[] Words, int Gap);

    /// <summary>A lexicon line. <paramref name="Weight"/> is 0 for a phrase, else a concern word's weight; <paramref name="Slot"/>
    /// numbers the concern words of one category, so each counts once a sentence.</summary>
    private sealed record Phrase(SafeguardingCategory? Category, SafeguardingSeverity Severity, bool Negatable, Element[] Elements, SafeguardingCategory? Cancels,
        int Weight = 0, int Slot = 0);
}
