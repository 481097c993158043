using ReelRights.Core.Cases;

namespace ReelRights.Server.Api.Cases;

/// <summary>A platform disputes a screening claim for its uploader.</summary>
public sealed record OpenDisputeRequest(Guid WorkId, string Url, RespondentParty Uploader, string? Reason = null);
