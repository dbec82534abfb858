namespace Heard.Web.Infrastructure;

/// <summary>What a list page shows when it has nothing to list: what is missing, why, and what to do next.</summary>
public sealed record EmptyState(string Title, string Message, string? ActionText = null, string? ActionHref = null);
