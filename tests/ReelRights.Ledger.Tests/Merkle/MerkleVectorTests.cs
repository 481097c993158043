using System.Text.Json;
using ReelRights.Ledger.Merkle;
using ReelRights.Ledger.Tests.Support;

namespace ReelRights.Ledger.Tests.Merkle;

/// <summary>Every case file of the transparency-dev/merkle RFC 6962 known answers (TestVectors/merkle).</summary>
public sealed class MerkleVectorTests
{
    public static TheoryData<string> InclusionCases => [.. TestVectorFiles.JsonFilesUnder("merkle/inclusion")];

    public static TheoryData<string> ConsistencyCases => [.. TestVectorFiles.JsonFilesUnder("merkle/consistency")];

    [Fact]
    public void VectorFiles_CopiedToOutput_AllCaseFilesPresent()
    {
        // Arrange / Act
        var inclusion = TestVectorFiles.JsonFilesUnder("merkle/inclusion");
        var consistency = TestVectorFiles.JsonFilesUnder("merkle/consistency");

        // Assert: the exact counts of the copied suite, so a lost file cannot silently shrink it.
        inclusion.Count.ShouldBe(98);
        consistency.Count.ShouldBe(98);
        File.Exists(TestVectorFiles.PathOf("merkle/LICENSE")).ShouldBeTrue();
    }

    [Theory]
    [MemberData(nameof(InclusionCases))]
    public void VerifyInclusion_VectorCase_MatchesWantErr(string file)
    {
        // Arrange
        using var json = JsonDocument.Parse(File.ReadAllBytes(TestVectorFiles.PathOf(file)));
        var c = json.RootElement;

        // Act
        var valid = MerkleProofVerifier.VerifyInclusion(
            Base64(c, "leafHash"),
            AsInt64(c, "leafIdx"),
            AsInt64(c, "treeSize"),
            Proof(c),
            Base64(c, "root"));

        // Assert
        valid.ShouldBe(!c.GetProperty("wantErr").GetBoolean(), c.GetProperty("desc").GetString());
    }

    [Theory]
    [MemberData(nameof(ConsistencyCases))]
    public void VerifyConsistency_VectorCase_MatchesWantErr(string file)
    {
        // Arrange
        using var json = JsonDocument.Parse(File.ReadAllBytes(TestVectorFiles.PathOf(file)));
        var c = json.RootElement;

        // Act
        var valid = MerkleProofVerifier.VerifyConsistency(
            AsInt64(c, "size1"),
            AsInt64(c, "size2"),
            Proof(c),
            Base64(c, "root1"),
            Base64(c, "root2"));

        // Assert
        valid.ShouldBe(!c.GetProperty("wantErr").GetBoolean(), c.GetProperty("desc").GetString());
    }

    // The vectors are Go uint64; "sub @1" from 0 wraps to 2^64-1, which as a signed index is -1.
    private static long AsInt64(JsonElement c, string name) => unchecked((long)c.GetProperty(name).GetUInt64());

    private static byte[] Base64(JsonElement c, string name) => Convert.FromBase64String(c.GetProperty(name).GetString()!);

    private static ReadOnlyMemory<byte>[] Proof(JsonElement c)
    {
        var proof = c.GetProperty("proof");
        return proof.ValueKind == JsonValueKind.Null
            ? []
            : proof.EnumerateArray().Select(e => (ReadOnlyMemory<byte>)Convert.FromBase64String(e.GetString()!)).ToArray();
    }
}
