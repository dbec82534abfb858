using Heard.Data;
using Heard.Data.Model;
using Heard.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Heard.Web.Features.Import;

public sealed class QuarantineModel(HeardDbContext db) : PageModel
{
    private const int PageSize = 50;
    [BindProperty(SupportsGet = true)] public long? Batch { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    public List<(ImportedRow Row, ImportBatch Batch)> Rows { get; } = [];
    public int Total { get; private set; }
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var q = db.ImportedRows.AsNoTracking().Where(r => r.Status == RowStatuses.Rejected && (Batch == null || r.ImportBatchId == Batch));
        Total = await q.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        var rows = await q.OrderByDescending(r => r.ImportBatchId).ThenBy(r => r.RowNumber).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        var ids = rows.Select(r => r.ImportBatchId).Distinct().ToList();
        var batches = await db.ImportBatches.AsNoTracking().Where(b => ids.Contains(b.Id)).ToDictionaryAsync(b => b.Id, ct);
        foreach (var r in rows) Rows.Add((r, batches[r.ImportBatchId]));
    }
}
