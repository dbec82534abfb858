using System.Text;
using Heard.Data.Model;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Heard.Data;

public sealed class HeardDbContext(DbContextOptions<HeardDbContext> options) : IdentityDbContext<HeardUser>(options)
{
    public DbSet<Icb> Icbs => Set<Icb>();
    public DbSet<Trust> Trusts => Set<Trust>();
    public DbSet<Site> Sites => Set<Site>();
    public DbSet<Division> Divisions => Set<Division>();
    public DbSet<Directorate> Directorates => Set<Directorate>();
    public DbSet<Unit> Units => Set<Unit>();
    public DbSet<UnitVersion> UnitVersions => Set<UnitVersion>();
    public DbSet<UnitAlias> UnitAliases => Set<UnitAlias>();
    public DbSet<OrganisationName> OrganisationNames => Set<OrganisationName>();
    public DbSet<FeedbackRecord> Feedback => Set<FeedbackRecord>();
    public DbSet<FeedbackAnswer> FeedbackAnswers => Set<FeedbackAnswer>();
    public DbSet<ContactDetail> ContactDetails => Set<ContactDetail>();
    public DbSet<EligibleCount> EligibleCounts => Set<EligibleCount>();
    public DbSet<FftMonthly> FftMonthly => Set<FftMonthly>();
    public DbSet<SourceMonthly> SourceMonthly => Set<SourceMonthly>();
    public DbSet<ThemeMonthly> ThemeMonthly => Set<ThemeMonthly>();
    public DbSet<CodedMonthly> CodedMonthly => Set<CodedMonthly>();
    public DbSet<ImportBatch> ImportBatches => Set<ImportBatch>();
    public DbSet<ImportedRow> ImportedRows => Set<ImportedRow>();
    public DbSet<UserScope> UserScopes => Set<UserScope>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Survey> Surveys => Set<Survey>();
    public DbSet<SurveyVersion> SurveyVersions => Set<SurveyVersion>();
    public DbSet<SurveyAssignment> SurveyAssignments => Set<SurveyAssignment>();
    public DbSet<ApiClient> ApiClients => Set<ApiClient>();
    public DbSet<TextModel> TextModels => Set<TextModel>();
    public DbSet<CommentCode> CommentCodes => Set<CommentCode>();
    public DbSet<SafeguardingAlert> SafeguardingAlerts => Set<SafeguardingAlert>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<SpcChangePoint> SpcChangePoints => Set<SpcChangePoint>();
    public DbSet<QualityMeasure> QualityMeasures => Set<QualityMeasure>();
    public DbSet<QualityValue> QualityValues => Set<QualityValue>();
    public DbSet<PopulationProfile> PopulationProfiles => Set<PopulationProfile>();
    public DbSet<ImprovementProject> ImprovementProjects => Set<ImprovementProject>();
    public DbSet<ImprovementProjectUnit> ImprovementProjectUnits => Set<ImprovementProjectUnit>();
    public DbSet<ImprovementParticipant> ImprovementParticipants => Set<ImprovementParticipant>();
    public DbSet<PdsaCycle> PdsaCycles => Set<PdsaCycle>();
    public DbSet<ImprovementMeasure> ImprovementMeasures => Set<ImprovementMeasure>();
    public DbSet<AlwaysEventCheck> AlwaysEventChecks => Set<AlwaysEventCheck>();
    public DbSet<PatientPartner> PatientPartners => Set<PatientPartner>();
    public DbSet<InvolvementEvent> InvolvementEvents => Set<InvolvementEvent>();
    public DbSet<InvolvementInvitation> InvolvementInvitations => Set<InvolvementInvitation>();
    public DbSet<ReviewProforma> ReviewProformas => Set<ReviewProforma>();
    public DbSet<PanelReview> PanelReviews => Set<PanelReview>();
    public DbSet<PanelScore> PanelScores => Set<PanelScore>();
    public DbSet<ImprovementAction> ImprovementActions => Set<ImprovementAction>();
    public DbSet<ActionNote> ActionNotes => Set<ActionNote>();
    public DbSet<ActionAttachment> ActionAttachments => Set<ActionAttachment>();
    public DbSet<ActionEvidence> ActionEvidence => Set<ActionEvidence>();
    public DbSet<ActionReminder> ActionReminders => Set<ActionReminder>();
    public DbSet<YouSaidWeDidRecord> YouSaidWeDidRecords => Set<YouSaidWeDidRecord>();
    public DbSet<YouSaidWeDidAction> YouSaidWeDidActions => Set<YouSaidWeDidAction>();
    public DbSet<YouSaidWeDidQuote> YouSaidWeDidQuotes => Set<YouSaidWeDidQuote>();
    public DbSet<YouSaidWeDidDigest> YouSaidWeDidDigests => Set<YouSaidWeDidDigest>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<TeamMember> TeamMembers => Set<TeamMember>();
    public DbSet<RoutingRule> RoutingRules => Set<RoutingRule>();
    public DbSet<RoutedItem> RoutedItems => Set<RoutedItem>();
    public DbSet<RoutingMark> RoutingMarks => Set<RoutingMark>();
    public DbSet<FeedbackReply> FeedbackReplies => Set<FeedbackReply>();
    public DbSet<EarlyWarningAlert> EarlyWarningAlerts => Set<EarlyWarningAlert>();
    public DbSet<SelfAssessmentRound> SelfAssessmentRounds => Set<SelfAssessmentRound>();
    public DbSet<SelfAssessmentAnswer> SelfAssessmentAnswers => Set<SelfAssessmentAnswer>();
    public DbSet<SelfAssessmentEvidence> SelfAssessmentEvidence => Set<SelfAssessmentEvidence>();
    public DbSet<BoardReportVersion> BoardReportVersions => Set<BoardReportVersion>();
    public DbSet<BoardReportSchedule> BoardReportSchedules => Set<BoardReportSchedule>();
    public DbSet<ReportTemplate> ReportTemplates => Set<ReportTemplate>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);

        b.Entity<Icb>(e => { e.ToTable("icb"); e.HasIndex(x => x.Code).IsUnique(); });
        b.Entity<Trust>(e => { e.ToTable("trust"); e.HasIndex(x => x.OdsCode).IsUnique(); });
        b.Entity<Site>(e => { e.ToTable("site"); e.HasIndex(x => new { x.TrustId, x.Code }).IsUnique(); });
        b.Entity<Division>(e => { e.ToTable("division"); e.HasIndex(x => new { x.TrustId, x.Name }).IsUnique(); });
        b.Entity<Directorate>(e => { e.ToTable("directorate"); e.HasIndex(x => new { x.DivisionId, x.Name }).IsUnique(); });
        b.Entity<Unit>(e =>
        {
            e.ToTable("unit");
            e.HasIndex(x => new { x.TrustId, x.Code }).IsUnique();
            e.HasIndex(x => new { x.SiteId, x.Name });
            e.Ignore(x => x.SettingCodes);
        });
        b.Entity<UnitVersion>(e => { e.ToTable("unit_version"); e.HasIndex(x => new { x.UnitId, x.ValidFrom }); });
        b.Entity<OrganisationName>(e => { e.ToTable("organisation_name"); e.HasIndex(x => new { x.Level, x.EntityId, x.ValidFrom }); });
        b.Entity<UnitAlias>(e => { e.ToTable("unit_alias"); e.HasIndex(x => new { x.SiteId, x.Alias }).IsUnique(); });

        b.Entity<FeedbackRecord>(e =>
        {
            e.ToTable("feedback");
            e.HasIndex(x => new { x.TrustId, x.Source, x.DedupeKey }).IsUnique();
            e.HasIndex(x => new { x.UnitId, x.ReceivedOn });
            e.HasIndex(x => new { x.TrustId, x.ReceivedOn });
            e.HasIndex(x => x.SurveyVersionId);
            e.HasMany(x => x.Answers).WithOne().HasForeignKey(x => x.FeedbackRecordId);
        });
        b.Entity<Survey>(e =>
        {
            e.ToTable("survey");
            e.HasIndex(x => x.TrustId);
            e.HasMany(x => x.Versions).WithOne().HasForeignKey(x => x.SurveyId);
            e.HasMany(x => x.Assignments).WithOne().HasForeignKey(x => x.SurveyId);
        });
        b.Entity<SurveyVersion>(e => { e.ToTable("survey_version"); e.HasIndex(x => new { x.SurveyId, x.Number }).IsUnique(); });
        b.Entity<SurveyAssignment>(e =>
        {
            e.ToTable("survey_assignment");
            e.HasIndex(x => x.Code).IsUnique();
            e.HasIndex(x => x.UnitId);
        });
        b.Entity<ApiClient>(e => { e.ToTable("api_client"); e.HasIndex(x => x.KeyPrefix); });
        b.Entity<FeedbackAnswer>(e => { e.ToTable("feedback_answer"); e.HasIndex(x => x.FeedbackRecordId); e.HasIndex(x => x.Certainty); });
        b.Entity<TextModel>(e => { e.ToTable("text_model"); e.HasIndex(x => x.TrustId); });
        b.Entity<CommentCode>(e =>
        {
            e.ToTable("comment_code");
            e.HasIndex(x => x.FeedbackAnswerId);
            e.HasIndex(x => new { x.Label, x.FeedbackRecordId });
        });
        b.Entity<SafeguardingAlert>(e =>
        {
            e.ToTable("safeguarding_alert");
            e.HasIndex(x => new { x.FeedbackAnswerId, x.Category }).IsUnique();
            e.HasIndex(x => new { x.TrustId, x.ClosedAt, x.RaisedAt });
            e.HasIndex(x => x.NotifiedAt);
        });
        b.Entity<PopulationProfile>(e =>
        {
            e.ToTable("population_profile");
            e.HasIndex(x => new { x.Level, x.ScopeId, x.Characteristic, x.GroupName }).IsUnique();
            e.HasIndex(x => x.TrustId);
        });
        b.Entity<Notification>(e => { e.ToTable("notification"); e.HasIndex(x => x.SentAt); });
        b.Entity<SpcChangePoint>(e =>
        {
            e.ToTable("spc_change_point");
            e.HasIndex(x => new { x.TrustId, x.Metric });
        });
        b.Entity<EarlyWarningAlert>(e =>
        {
            e.ToTable("early_warning_alert");
            e.HasIndex(x => new { x.UnitId, x.Metric, x.Theme, x.Month }).IsUnique();
            e.HasIndex(x => new { x.TrustId, x.ResolvedAt, x.RaisedAt });
            e.HasIndex(x => x.OwnerUserId);
        });
        b.Entity<ContactDetail>(e => { e.ToTable("contact_detail"); e.HasIndex(x => x.FeedbackRecordId); });
        b.Entity<EligibleCount>(e =>
        {
            e.ToTable("eligible_count");
            e.HasIndex(x => new { x.Month, x.Setting, x.TrustId, x.SiteId, x.UnitId });
        });
        b.Entity<FftMonthly>(e =>
        {
            e.ToTable("fft_monthly");
            e.HasKey(x => new { x.UnitId, x.SiteId, x.Month, x.Setting });
            e.HasIndex(x => new { x.TrustId, x.Month });
        });
        b.Entity<SourceMonthly>(e =>
        {
            e.ToTable("source_monthly");
            e.HasKey(x => new { x.UnitId, x.Month, x.Source });
            e.HasIndex(x => new { x.TrustId, x.Month });
        });
        // Keyless to EF Core: the unique key includes the nullable setting (as one value when missing), and the rows
        // are only ever written by SQL (Features/Themes/ThemeAggregates.cs).
        b.Entity<ThemeMonthly>(e => { e.ToTable("theme_monthly"); e.HasNoKey(); });
        b.Entity<CodedMonthly>(e => { e.ToTable("coded_monthly"); e.HasNoKey(); });
        b.Entity<ImportBatch>(e => { e.ToTable("import_batch"); e.HasIndex(x => x.FileSha256); });
        b.Entity<ImportedRow>(e =>
        {
            e.ToTable("imported_row");
            e.HasIndex(x => new { x.ImportBatchId, x.RowNumber });
            e.HasIndex(x => x.Status);
            e.HasIndex(x => x.FeedbackRecordId);
        });
        b.Entity<QualityMeasure>(e => { e.ToTable("quality_measure"); e.HasIndex(x => x.Key).IsUnique(); });
        b.Entity<QualityValue>(e =>
        {
            e.ToTable("quality_value");
            // Unique among current values only (superseded_at IS NULL); the migration says so, EF Core never creates it.
            e.HasIndex(x => new { x.UnitId, x.Month, x.QualityMeasureId }).HasDatabaseName("ix_quality_value_current");
            e.HasIndex(x => new { x.TrustId, x.Month });
        });
        b.Entity<ImprovementProject>(e =>
        {
            e.ToTable("improvement_project");
            e.HasIndex(x => new { x.TrustId, x.Status });
            e.HasMany(x => x.Units).WithOne().HasForeignKey(x => x.ImprovementProjectId);
        });
        b.Entity<ImprovementProjectUnit>(e =>
        {
            e.ToTable("improvement_project_unit");
            e.HasKey(x => new { x.ImprovementProjectId, x.UnitId });
            e.HasIndex(x => x.UnitId);
        });
        b.Entity<ImprovementParticipant>(e =>
        {
            e.ToTable("improvement_participant");
            e.HasIndex(x => x.ImprovementProjectId);
            e.HasIndex(x => x.PatientPartnerId);
        });
        b.Entity<PdsaCycle>(e => { e.ToTable("pdsa_cycle"); e.HasIndex(x => new { x.ImprovementProjectId, x.Number }).IsUnique(); });
        b.Entity<ImprovementMeasure>(e => { e.ToTable("improvement_measure"); e.HasIndex(x => x.ImprovementProjectId); });
        b.Entity<AlwaysEventCheck>(e => { e.ToTable("always_event_check"); e.HasIndex(x => new { x.ImprovementProjectId, x.Month }).IsUnique(); });
        b.Entity<PatientPartner>(e =>
        {
            e.ToTable("patient_partner");
            e.HasIndex(x => x.TrustId);
        });
        b.Entity<InvolvementEvent>(e => { e.ToTable("involvement_event"); e.HasIndex(x => new { x.TrustId, x.HeldOn }); });
        b.Entity<InvolvementInvitation>(e =>
        {
            e.ToTable("involvement_invitation");
            e.HasIndex(x => new { x.InvolvementEventId, x.PatientPartnerId }).IsUnique();
            e.HasIndex(x => x.PatientPartnerId);
        });
        b.Entity<ReviewProforma>(e => { e.ToTable("review_proforma"); e.HasIndex(x => x.TrustId); e.Ignore(x => x.CriteriaList); });
        b.Entity<PanelReview>(e => { e.ToTable("panel_review"); e.HasIndex(x => x.TrustId); });
        b.Entity<PanelScore>(e => { e.ToTable("panel_score"); e.HasIndex(x => x.PanelReviewId); });
        b.Entity<ImprovementAction>(e =>
        {
            e.ToTable("improvement_action");
            e.HasIndex(x => new { x.UnitId, x.Status });
            e.HasIndex(x => new { x.OwnerUserId, x.Status });
            e.HasIndex(x => new { x.Status, x.DueOn });
        });
        b.Entity<ActionNote>(e => { e.ToTable("action_note"); e.HasIndex(x => x.ImprovementActionId); });
        b.Entity<ActionAttachment>(e => { e.ToTable("action_attachment"); e.HasIndex(x => x.ImprovementActionId); });
        b.Entity<ActionEvidence>(e =>
        {
            e.ToTable("action_evidence");
            e.HasIndex(x => x.ImprovementActionId);
            e.HasIndex(x => new { x.Kind, x.Reference });
        });
        b.Entity<ActionReminder>(e =>
        {
            e.ToTable("action_reminder");
            e.HasIndex(x => new { x.ImprovementActionId, x.Kind, x.DueOn }).IsUnique();
        });
        b.Entity<YouSaidWeDidRecord>(e =>
        {
            e.ToTable("you_said_we_did");
            e.HasIndex(x => new { x.TrustId, x.UnitId, x.Status });
            e.HasIndex(x => new { x.Status, x.PublishedAt });
        });
        b.Entity<YouSaidWeDidAction>(e =>
        {
            e.ToTable("you_said_we_did_action");
            e.HasIndex(x => new { x.YouSaidWeDidRecordId, x.ImprovementActionId }).IsUnique();
            e.HasIndex(x => x.ImprovementActionId);
        });
        b.Entity<YouSaidWeDidQuote>(e =>
        {
            e.ToTable("you_said_we_did_quote");
            e.HasIndex(x => new { x.YouSaidWeDidRecordId, x.FeedbackAnswerId }).IsUnique();
        });
        b.Entity<YouSaidWeDidDigest>(e =>
        {
            e.ToTable("you_said_we_did_digest");
            e.HasIndex(x => new { x.Month, x.TrustId, x.UserId }).IsUnique();
        });
        b.Entity<Team>(e => { e.ToTable("team"); e.HasIndex(x => new { x.TrustId, x.Name }).IsUnique(); });
        b.Entity<TeamMember>(e => { e.ToTable("team_member"); e.HasKey(x => new { x.TeamId, x.UserId }); e.HasIndex(x => x.UserId); });
        b.Entity<RoutingRule>(e => { e.ToTable("routing_rule"); e.HasIndex(x => x.TrustId); });
        b.Entity<RoutedItem>(e =>
        {
            e.ToTable("routed_item");
            e.HasIndex(x => new { x.FeedbackAnswerId, x.TargetKey }).IsUnique();
            e.HasIndex(x => new { x.TargetKey, x.AcknowledgedAt });
            e.HasIndex(x => x.FeedbackRecordId);
            e.HasIndex(x => x.NotifiedAt);
        });
        b.Entity<RoutingMark>(e => e.ToTable("routing_mark"));
        b.Entity<FeedbackReply>(e =>
        {
            e.ToTable("feedback_reply");
            e.HasIndex(x => x.FeedbackRecordId);
            e.HasIndex(x => new { x.Kind, x.Status });
        });
        b.Entity<SelfAssessmentRound>(e =>
        {
            e.ToTable("self_assessment_round");
            e.HasIndex(x => new { x.TrustId, x.DivisionId, x.PeriodEnd });
            e.HasMany(x => x.Answers).WithOne().HasForeignKey(x => x.RoundId);
            e.HasMany(x => x.Evidence).WithOne().HasForeignKey(x => x.RoundId);
        });
        b.Entity<SelfAssessmentAnswer>(e => { e.ToTable("self_assessment_answer"); e.HasIndex(x => new { x.RoundId, x.RequirementId }).IsUnique(); });
        b.Entity<SelfAssessmentEvidence>(e => { e.ToTable("self_assessment_evidence"); e.HasIndex(x => new { x.RoundId, x.RequirementId }); });
        b.Entity<BoardReportVersion>(e => { e.ToTable("board_report_version"); e.HasIndex(x => new { x.TrustId, x.DivisionId, x.ToMonth }); });
        b.Entity<BoardReportSchedule>(e => { e.ToTable("board_report_schedule"); e.HasIndex(x => x.TrustId); });
        b.Entity<ReportTemplate>(e => { e.ToTable("report_template"); e.HasIndex(x => x.ShareToken).IsUnique(); e.HasIndex(x => x.TrustId); });
        b.Entity<UserScope>(e => { e.ToTable("user_scope"); e.HasIndex(x => x.UserId); });
        b.Entity<AuditEntry>(e => { e.ToTable("audit_entry"); e.HasIndex(x => x.At); });

        b.Entity<HeardUser>().ToTable("app_user");
        b.Entity<Microsoft.AspNetCore.Identity.IdentityRole>().ToTable("app_role");
        b.Entity<Microsoft.AspNetCore.Identity.IdentityUserRole<string>>().ToTable("app_user_role");
        b.Entity<Microsoft.AspNetCore.Identity.IdentityUserClaim<string>>().ToTable("app_user_claim");
        b.Entity<Microsoft.AspNetCore.Identity.IdentityUserLogin<string>>().ToTable("app_user_login");
        b.Entity<Microsoft.AspNetCore.Identity.IdentityRoleClaim<string>>().ToTable("app_role_claim");
        b.Entity<Microsoft.AspNetCore.Identity.IdentityUserToken<string>>().ToTable("app_user_token");

        // One naming scheme on both providers, so hand-written SQL reads the same everywhere.
        foreach (var entity in b.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
                property.SetColumnName(SnakeCase(property.Name));
            foreach (var key in entity.GetKeys())
                key.SetName(SnakeCase(key.GetName() ?? ""));
            foreach (var fk in entity.GetForeignKeys())
                fk.SetConstraintName(SnakeCase(fk.GetConstraintName() ?? ""));
            foreach (var index in entity.GetIndexes())
                index.SetDatabaseName(SnakeCase(index.GetDatabaseName() ?? ""));
        }
    }

    internal static string SnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && name[i - 1] != '_' && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
                    sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            else sb.Append(c);
        }
        return sb.ToString();
    }
}
