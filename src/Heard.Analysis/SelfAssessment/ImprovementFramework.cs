namespace Heard.Analysis.SelfAssessment;

/// <summary>A lettered requirement, e.g. 1A: what an organisation needs to meet its characteristic. Scored 0 to 5.</summary>
public sealed record FrameworkRequirement(string Id, int CharacteristicNumber, string Text);

/// <summary>A numbered characteristic (1 to 23) of organisations that continuously improve patients' experience.</summary>
public sealed record FrameworkCharacteristic(int Number, int SectionNumber, string Text, IReadOnlyList<FrameworkRequirement> Requirements);

public sealed record FrameworkSection(int Number, string Title, string Description, IReadOnlyList<FrameworkCharacteristic> Characteristics)
{
    public IEnumerable<FrameworkRequirement> Requirements => Characteristics.SelectMany(c => c.Requirements);
}

/// <summary>
/// NHS Improvement's patient experience improvement framework (June 2018), "The assessment tool": six sections, 23
/// characteristics and their lettered requirements, in the framework's own words. Typing slips in the source ("complements",
/// "publically") are kept so the text can be checked against the publication; lines the source splits across a page break
/// are joined (docs/self-assessment.md lists them).
/// </summary>
public static class ImprovementFramework
{
    public const string Title = "Patient experience improvement framework";
    public const string Source = "NHS Improvement, June 2018";

    /// <summary>The framework asks for an "Org. score (0-5)" without saying what each score means; these are Heard's.</summary>
    public static readonly IReadOnlyList<(int Score, string Label, string Meaning)> ScoreMeanings =
    [
        (0, "Not started", "Nothing is in place yet and no work has begun."),
        (1, "Planning", "The need is recognised and work is being planned, with little in place."),
        (2, "Early progress", "Some of the requirement is in place in some areas, but not consistently."),
        (3, "Partly met", "Much of the requirement is in place across the organisation, with clear gaps remaining."),
        (4, "Largely met", "The requirement is met across the organisation, with evidence, and a few improvements remain."),
        (5, "Fully met and sustained", "The requirement is fully met, evidenced, embedded and sustained, and reviewed for further improvement."),
    ];

    public const int MinimumScore = 0;
    public const int MaximumScore = 5;

    public static readonly IReadOnlyList<FrameworkSection> Sections = Build();

    public static readonly IReadOnlyDictionary<string, FrameworkRequirement> RequirementsById =
        Sections.SelectMany(s => s.Requirements).ToDictionary(r => r.Id, StringComparer.OrdinalIgnoreCase);

    public static IEnumerable<FrameworkCharacteristic> Characteristics => Sections.SelectMany(s => s.Characteristics);
    public static IEnumerable<FrameworkRequirement> Requirements => Sections.SelectMany(s => s.Requirements);

    public static FrameworkCharacteristic Characteristic(int number) => Characteristics.Single(c => c.Number == number);
    public static FrameworkSection SectionOf(int characteristicNumber) => Sections.Single(s => s.Characteristics.Any(c => c.Number == characteristicNumber));

    private static FrameworkCharacteristic C(int number, string text, params (string Letter, string Text)[] requirements) =>
        new(number, 0, text, requirements.Select(r => new FrameworkRequirement($"{number}{r.Letter}", number, r.Text)).ToList());

    private static FrameworkSection S(int number, string title, string description, params FrameworkCharacteristic[] characteristics) =>
        new(number, title, description, characteristics.Select(c => c with { SectionNumber = number }).ToList());

    private static List<FrameworkSection> Build() =>
    [
        S(1, "Leadership (for patient focus)",
            "Almost all NHS organisations profess to put the patient at the centre of everything they do but this principle needs to be clear in the values and behaviours of senior leaders. There should be a clear commitment to equality and diversity ensuring the needs of all are met.",
            C(1, "The board has a strategy to deliver improved patient experience and regularly engages with groups of patients and other key stakeholders. The organisation uses the output from such engagement to inform its plans to deliver the strategy.",
                ("A", "The organisation has a patient experience strategy (either a stand-alone document or integrated into a strategy for improving quality) co-produced with patients and frontline staff, consulted upon, and signed off by the board. Patient experience should be both fully aligned with and integral to quality improvement."),
                ("B", "The trust also has a delivery plan, impact measures and review timetable and carries out an annual review of progress towards achieving the strategy."),
                ("C", "The organisation has a programme of patient, patient representative and public engagement which informs key decisions. Ideally this engagement should be in partnership with local commissioners.")),
            C(2, "Patient experience is embedded in all trust leadership development work (including that undertaken by operational managers and clinical staff).",
                ("A", "Patient experience is embedded in all aspects of leadership development."),
                ("B", "Patients are involved in assessment and appraisal processes for staff. (for example patient feedback data or other forms of involvement including complements, complaints, testimonials).")),
            C(3, "There is visibility of the senior leadership team with an identified executive lead accountable for leading quality improvements in patient experience, who routinely presents reports and leads discussion with board colleagues on patient experience.",
                ("A", "The executive lead for patient experience routinely provides the board with reports and proactively leads this area of work within the organisation. Patient stories are routinely used at board meetings and other trust settings."),
                ("B", "The senior leadership team is accessible and visible in the organisation and routinely engages with patients and frontline staff.")),
            C(4, "There is clear clinical leadership from the medical director and director of nursing and engagement of clinicians in the development of the quality strategy and clinical strategy which provides momentum in terms of quality, patient experience and safety.",
                ("A", "All clinicians are engaged and provide input into the development of services and efficiency changes and how change impacts on patients and front line staff."),
                ("B", "Levels of clinical engagement across both acute and community settings are focused on patients."),
                ("C", "There is clear medical engagement in patient experience as an equal facet of the quality agenda alongside patient safety and clinical effectiveness."))),
        S(2, "Organisational culture",
            "The organisational culture is patient focused and values behaviour that enhances the experience of patients.",
            C(5, "The organisational development strategy and implementation plans are underpinned by a commitment to improve patient experience.",
                ("A", "Patient experience is integrated into the organisational development strategy.")),
            C(6, "The board values and celebrates innovation by frontline staff to improve the experience of patients and specifically staff who demonstrate they consistently exceed patient expectation, and always deliver individualised care",
                ("A", "Staff are supported to listen and act locally as a response to patient feedback and the organisation routinely captures analyses and reports on the outcomes from this. Monitoring takes place against the results of the staff survey"),
                ("B", "There is a process in place to identify and celebrate achievements of staff who consistently exceed patient expectations and the board is engaged and fully involved in the process."),
                ("C", "staff are engaged in the process of setting staffing levels and in developing their own workforce."),
                ("D", "Staffing level escalation processes are well defined and embedded throughout the organisation to ensure safe staffing."),
                ("E", "Staff give care that is compassionate, involves patients in decision-making and provides good emotional, spiritual and religious support to patients")),
            C(7, "Staff are proud to work for the organisation and speak highly of the culture. Staff throughout the organisation feel able to raise concerns and believe they will be listened to and supported.",
                ("A", "The organisation has developed, with patients and staff, a set of values, articulated through all corporate documents, which reflect the values in the NHS Constitution. The organisation has a process for ensuring values are owned by staff."),
                ("B", "The organisation has in place a values-based recruitment and appraisal system")),
            C(8, "The organisation expresses its commitment to patients through all its communications, and routinely offers to provide copies of clinical correspondence",
                ("A", "The organisation's website and other externally facing communications are accessible and clear and patients would judge them 'patient friendly'. They also articulate commitment to patients."),
                ("B", "The trust has a process of testing its communications to patients with patients, prior to publication."),
                ("C", "Patients are routinely offered copies of correspondence about them in an accessible format (Accessible Information Standard)."))),
        S(3, "Capacity and capability to effectively collect feedback",
            "The organisation has several routes through which patients can provide feedback",
            C(9, "The organisation participates in all mandated surveys (including where applicable the National Patient Survey Programme, the Friends and Family Test and systematic local surveys, eg post-discharge survey), and works with commissioners to develop and implement rapid/real, or near real-time patient feedback",
                ("A", "Full compliance with all mandated surveys, and a comprehensive programme of seeking rapid, real or near real-time from patients using the most up to date technology available to them."),
                ("B", "Strong evidence of adherence to best practice guidelines for patient experience.")),
            C(10, "The trust has a patient-friendly complaints process, which complies with national guidance.",
                ("A", "The organisation has an accessible user-friendly complaints process. Information is visible in all locations patients receive care, and where applicable is available from community staff."),
                ("B", "Complaints information is clearly displayed on the trust's website and available within two clicks."),
                ("C", "Complainants are offered a face-to-face meeting, supported throughout the process and their feedback sought on completion of dealing with the complaint."),
                ("D", "Feedback about how the complaint was handled is routinely gathered."),
                ("E", "There is evidence that practice has changed following complaints and improvements have been sustained")),
            C(11, "Frontline staff take ownership of, and deal with, issues raised by patients, and only where necessary refer on to others. When patients express a wish to complain clear information is provided and support given. The Duty of Candour is followed.",
                ("A", "Frontline staff are supported by managers and their teams to address concerns raised by patients, and there is a process for teams to share and learn from this."),
                ("B", "Duty of Candour regulations are well understood and embedded. The organisation's processes are clear and transparent."),
                ("C", "The importance of patient feedback is embedded in the organisation's approach to staff training.")),
            C(12, "Patients are given information about the range of ways they can provide feedback (which might include paper-based surveys, comment cards, web, text, devices, kiosks, and apps) and are supported by staff to use these. Approaches offered take account of the needs of patients who are less able or less willing to feedback.",
                ("A", "The organisation provides information to patients about how to give feedback in a range of different ways. Patients are made aware of HealthWatch as a route for giving feedback."),
                ("B", "The organisation employs a range of methods to collect patient feedback, based on patient need and preference. Staff are familiar with these and encourage and support patients."),
                ("C", "Trust meets or exceeds national average response rate for all elements of the Friends and Family survey."))),
        S(4, "Analysis and triangulation",
            "The organisation has a systematic and consistent approach to analysing and making sense of patient feedback, and considers it alongside patient safety and patient outcomes data.",
            C(13, "The organisation has a systematic way of analysing patient feedback in all its forms, including complaints. The organisation also has dedicated analytics and intelligence support for its patient experience data, which produces clear helpful reports",
                ("A", "The organisation routinely and systematically analyses feedback, brings together all strands and identifies themes which it acts on."),
                ("B", "The organisation has dedicated analytics and intelligence support to ensure it can make best use of its patient experience feedback data.")),
            C(14, "The organisation produces reports that demonstrate the correlation between improving patient outcomes, patient safety and patient experience. This is also routinely triangulated with staff and the staff survey",
                ("A", "Reports highlight themes where patient experience correlates with other quality measures (for example patient safety and clinical outcomes) and board reports clearly articulate the relationships and the quality improvement actions arising.")),
            C(15, "The organisation is able to use patient experience data effectively to identify and locate deteriorating performance, and to enable quick action to address the causes",
                ("A", "The organisation effectively uses patient experience data to provide an early warning system for deteriorating standards of care that enables leaders at a range of levels to spot when there are concerns, using quality improvement approaches."),
                ("B", "The organisation is using data related to patient experience to understand variation. Patient experience is both fully aligned with and integral to quality improvement")),
            C(16, "Patient feedback is routinely considered and acted upon by frontline teams, and escalated when larger scale service redesign work is required",
                ("A", "Departments and teams receive feedback fast and in a form they can use."),
                ("B", "Frontline teams routinely discuss patient feedback and use it to improve care."),
                ("C", "The trust has an effective approach to celebrating and sharing learning locally."))),
        S(5, "Using patient feedback to drive quality improvement and learning",
            "The organisation actively and routinely seeks out patient feedback to be a learning organisation which is underpinned by quality and service improvement work. The organisation can evidence that it uses feedback and staff know that patient feedback is used to drive quality improvement. Patients are actively involved in decision making as equal partners (Participation in the Always events programme is in place),",
            C(17, "The organisation supports staff to share decision making about care and treatment with patients, and actively supports staff to involve patients in their care.",
                ("A", "Staff demonstrate a good understanding of the theory and practice of shared decision making, its principles are underpinned through training programmes."),
                ("B", "Patients and their families are involved in their care and understood what is expected in relation to their care."),
                ("C", "The organisation performs above peer in the NHS mandated national survey questions asking if patients felt involved in decisions about care and treatment.")),
            C(18, "The organisation uses staff appraisal to identify training needs and based on need, implements training for staff so they are able and confident to use feedback to improve services using quality improvement methods and tools.",
                ("A", "The organisation has a systematic approach to identifying staff training needs related to using patient feedback to improve services."),
                ("B", "The board and executive team have a good understanding of how change happens in complex systems, and how change impacts on patients and frontline staff."),
                ("C", "There is a consistent approach to sharing learning across the organisation.")),
            C(19, "All proposals for service change, project initiation document and business cases are accompanied by evidence of their potential impact on the experience of patients.",
                ("A", "The results of an impact assessment are always included within proposals."),
                ("B", "Patients and service users have been involved in the design stage of any service change. There is evidence of co-production.")),
            C(20, "The organisation uses quality improvement methods and tools to try to continuously improve quality of experience of care and outcomes for patients.",
                ("A", "Frontline staff engage in quality improvement and are given the skills required to identify quality problems, carry out tests of change, measure their impact and act on the results."),
                ("B", "The organisation gives all staff the opportunity to contribute and act on ideas for quality improvement."),
                ("C", "The organisation performs above peer in the NHS Mandate goal to 'improve the percentage of NHS staff who report that patient and service user feedback is used to make informed improvement decisions'"))),
        S(6, "Reporting and publication",
            "The organisation regularly reports and publishes its patient experience data, and co-produces its quality improvement plans with a range of stakeholders including patients and frontline staff",
            C(21, "Patient experience is a key component of the trust's annual quality accounts.",
                ("A", "The quality accounts include information about patient experience and how the trust is listening and responding to patients, along with examples of improvements to services or care it has made as a result.")),
            C(22, "The organisation routinely publishes transparent and publically accessible information about the feedback patients have provided, and its response to feedback (and ensures this information is available through multiple routes).",
                ("A", "Information is available and accessible to patients and the public."),
                ("B", "The organisation has a Communications strategy in place which is clear about who the organisation shares information about patient experience.")),
            C(23, "The organisation supports a model of co-production and supports patients and staff to deliver this approach.",
                ("A", "Co-production is widely used, and the organisation can cite examples of co-production, including the use of specific improvement methodologies, where staff have worked in partnership with patients to improve services."))),
    ];
}
