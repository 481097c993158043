using System.Text.Json;
using ReelRights.Core.Ledger;

namespace ReelRights.Server.Api.Ledger;

/// <summary>An entry as stored: <see cref="Data"/> is the exact leaf bytes; <see cref="Record"/> the same, parsed for reading.</summary>
public sealed record LedgerEntryDto(long Index, string LeafHash, string RecordType, JsonElement Record, string Data, string? TimestampToken, DateTime CreatedAt)
{
    public static LedgerEntryDto From(LedgerEntry e) => new(e.LeafIndex, Convert.ToHexStringLower(e.LeafHash), e.RecordType,
        JsonDocument.Parse(e.Data).RootElement.Clone(), Convert.ToBase64String(e.Data),
        e.TimestampToken is null ? null : Convert.ToBase64String(e.TimestampToken), e.CreatedAt);
}
