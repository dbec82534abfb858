using System.Globalization;
using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Features.Themes;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Partners;

/// <summary>Adds a partner to the register or edits their details: only roles cleared for identifiable data, and every view and change is audited.</summary>
[Authorize(Policy = Policies.InvolvePartners)]
[Authorize(Policy = Policies.ReadIdentifiable)]
public sealed class EditModel(HeardDbContext db, CurrentUser user, Audit audit) : PageModel
{
    public sealed class PartnerInput
    {
        public int? TrustId { get; set; }
        public string? FullName { get; set; }
        public string? Email { get; set; }
        public string? Phone { get; set; }
        public string? Kind { get; set; }
        public List<string> Interests { get; set; } = [];
        public string? Availability { get; set; }
        public string? AccessibilityNeeds { get; set; }
        public string? ConsentGiven { get; set; }
        public string? ConsentedOn { get; set; }
    }

    [BindProperty(SupportsGet = true)] public long? Id { get; set; }
    [BindProperty] public PartnerInput Input { get; set; } = new();
    public List<Choice> Trusts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadTrustsAsync(ct);
        if (Id is long id)
        {
            var p = await (await PartnerRegister.InScopeAsync(db, user, ct)).AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
            if (p is null) return NotFound();
            Input = new PartnerInput
            {
                TrustId = p.TrustId, FullName = p.FullName, Email = p.Email, Phone = p.Phone, Kind = p.Kind, Interests = PartnerInterests.Of(p).ToList(),
                Availability = p.Availability, AccessibilityNeeds = p.AccessibilityNeeds, ConsentGiven = p.ConsentGiven,
                ConsentedOn = p.ConsentedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            };
            await PartnerRegister.AuditViewAsync(audit, user, "edit", [p.Id], ct);
        }
        else
        {
            Input = new PartnerInput { TrustId = Trusts.FirstOrDefault()?.Id, Kind = "patient",
                ConsentGiven = "To be contacted about panels, focus groups and improvement projects, and for my name and contact details to be kept for that",
                ConsentedOn = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadTrustsAsync(ct);
        PatientPartner? p = null;
        if (Id is long id)
        {
            p = await (await PartnerRegister.InScopeAsync(db, user, ct)).FirstOrDefaultAsync(x => x.Id == id, ct);
            if (p is null) return NotFound();
        }
        var i = Input;
        var trustId = p?.TrustId ?? i.TrustId ?? 0;
        if (p is null && Trusts.All(t => t.Id != trustId)) ModelState.AddModelError("Input.TrustId", "Choose the trust");
        var name = i.FullName?.Trim() ?? "";
        if (name.Length == 0) ModelState.AddModelError("Input.FullName", "Enter their name");
        var email = string.IsNullOrWhiteSpace(i.Email) ? null : i.Email.Trim();
        if (email is not null && !email.Contains('@', StringComparison.Ordinal)) ModelState.AddModelError("Input.Email", "Enter an email address like name@example.com");
        var phone = string.IsNullOrWhiteSpace(i.Phone) ? null : i.Phone.Trim();
        if (email is null && phone is null) ModelState.AddModelError("Input.Email", "Enter an email address or a phone number, so they can be invited");
        if (PartnerKinds.All.All(k => k.Key != i.Kind)) ModelState.AddModelError("Input.Kind", "Choose patient, carer or volunteer");
        var interests = i.Interests.Where(x => PartnerInterests.All.Any(k => k.Key == x)).Distinct().ToList();
        var consent = i.ConsentGiven?.Trim() ?? "";
        if (consent.Length == 0) ModelState.AddModelError("Input.ConsentGiven", "Say what they agreed to");
        if (!DateOnly.TryParseExact(i.ConsentedOn?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var consentedOn))
            ModelState.AddModelError("Input.ConsentedOn", "Enter the date they agreed as year, month and day, for example 2026-03-01");
        if (!ModelState.IsValid) return Page();

        if (p is null)
        {
            p = new PatientPartner { TrustId = trustId, FullName = name, Kind = i.Kind!, ConsentGiven = consent, CreatedBy = user.Name, CreatedAt = DateTime.UtcNow };
            db.PatientPartners.Add(p);
        }
        p.FullName = name;
        p.Email = email;
        p.Phone = phone;
        p.Kind = i.Kind!;
        p.Interests = string.Join(",", interests);
        p.Availability = string.IsNullOrWhiteSpace(i.Availability) ? null : i.Availability.Trim();
        p.AccessibilityNeeds = string.IsNullOrWhiteSpace(i.AccessibilityNeeds) ? null : i.AccessibilityNeeds.Trim();
        p.ConsentGiven = consent;
        p.ConsentedOn = consentedOn;
        await db.SaveChangesAsync(ct);
        // Names are not written to the audit log: it is read more widely than the register.
        await audit.RecordNowAsync(Id is null ? Audit.Actions.Create : Audit.Actions.Update, "patient_partner", p.Id, $"{p.Kind}; interests {p.Interests}", ct);
        TempData["Success"] = Id is null ? "Partner added to the register" : "Partner's details saved";
        return Redirect($"/Partners/Partner?id={p.Id}");
    }

    private async Task LoadTrustsAsync(CancellationToken ct)
    {
        var trusts = await user.TrustIdsAsync(ct);
        Trusts = (await db.Trusts.AsNoTracking().OrderBy(t => t.Name).Select(t => new Choice(t.Id, t.Name)).ToListAsync(ct))
            .Where(t => trusts is null || trusts.Contains(t.Id)).ToList();
    }
}
