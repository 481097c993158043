using ReelRights.Core.Accounts;
using ReelRights.Core.Ledger;
using ReelRights.Ledger.Records;

namespace ReelRights.Core.Tests.Ledger;

public sealed class AttestationServiceTests
{
    private const string Digest = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task AttestAsync_RightsHolder_SealsDigestWithOrganizationAndListsOnlyOwn(string provider)
    {
        await using var env = await CoreEnvironment.CreateAsync(provider);
        var (orgA, adminA) = await env.CreateOrgAsync("星河影业");
        var (orgB, adminB) = await env.CreateOrgAsync("乙方");
        var attestations = env.Get<AttestationService>();

        var result = await attestations.AttestAsync(adminA, " 第一集剧本 ", Digest.ToUpperInvariant(), null, CancellationToken.None);
        await attestations.AttestAsync(adminB, "B 的合同", Digest, null, CancellationToken.None);
        var listA = await env.Get<LedgerReader>().EntriesOfOrganizationAsync(orgA.Id, "attestation", 10, CancellationToken.None);

        var record = LedgerRecord.Parse(result.Receipt.LeafData.Span);
        record.Type.ShouldBe(LedgerRecordType.Attestation);
        record.Payload.ShouldContain("\"title\":\"第一集剧本\"");
        record.Payload.ShouldContain(Digest);
        record.Payload.ShouldContain(orgA.Id.ToString());
        listA.ShouldHaveSingleItem().LeafIndex.ShouldBe(result.LeafIndex);
        orgB.Id.ShouldNotBe(orgA.Id);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task AttestAsync_BadDigestOrNoPermission_IsRejectedAndNothingAppended(string provider)
    {
        await using var env = await CoreEnvironment.CreateAsync(provider);
        var (org, admin) = await env.CreateOrgAsync("P", OrganizationKind.Platform);
        var (holder, holderAdmin) = await env.CreateOrgAsync("H");
        var attestations = env.Get<AttestationService>();

        (await Should.ThrowAsync<ReelRightsException>(() => attestations.AttestAsync(admin, "x", Digest, null, CancellationToken.None))).Kind.ShouldBe(ErrorKind.Forbidden);
        (await Should.ThrowAsync<ReelRightsException>(() => attestations.AttestAsync(holderAdmin, "x", "abc", null, CancellationToken.None))).Code.ShouldBe("invalid-sha256");
        (await Should.ThrowAsync<ReelRightsException>(() => attestations.AttestAsync(holderAdmin, "", Digest, null, CancellationToken.None))).Code.ShouldBe("invalid-title");
        (await Should.ThrowAsync<ReelRightsException>(() => attestations.AttestAsync(holderAdmin, "x", Digest, "zz", CancellationToken.None))).Code.ShouldBe("invalid-sm3");

        (await env.Get<LedgerReader>().EntriesAsync(0, 10, CancellationToken.None)).ShouldBeEmpty();
        org.Id.ShouldNotBe(holder.Id);
    }
}
