namespace ReelRights.Core.Cases;

/// <summary>The measure taken on one location.</summary>
public sealed record LocationMeasure(Guid LocationId, CaseMeasure Measure, string? Note = null);
