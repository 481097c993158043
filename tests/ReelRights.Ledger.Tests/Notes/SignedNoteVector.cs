using System.Text.Json;
using ReelRights.Ledger.Tests.Support;

namespace ReelRights.Ledger.Tests.Notes;

/// <summary>TestVectors/signed-note.json, the Go checksum-database known answers.</summary>
internal sealed record SignedNoteVector(
    string SignerKey,
    string VerifierKey,
    string Text,
    string SignedNote,
    IReadOnlyList<string> RejectedVerifierKeys)
{
    public static SignedNoteVector Load()
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(TestVectorFiles.PathOf("signed-note.json")));
        var root = json.RootElement;
        return new SignedNoteVector(
            root.GetProperty("signerKey").GetString()!,
            root.GetProperty("verifierKey").GetString()!,
            root.GetProperty("text").GetString()!,
            root.GetProperty("signedNote").GetString()!,
            [.. root.GetProperty("rejectedVerifierKeys").EnumerateArray().Select(e => e.GetString()!)]);
    }
}
