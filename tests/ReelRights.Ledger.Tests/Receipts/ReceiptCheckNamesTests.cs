using ReelRights.Ledger.Receipts;

namespace ReelRights.Ledger.Tests.Receipts;

public sealed class ReceiptCheckNamesTests
{
    [Fact]
    public void Label_LeafHash_IsChineseSlashEnglish()
    {
        // Act
        var label = ReceiptCheckNames.Label(ReceiptCheck.LeafHash);

        // Assert
        label.ShouldBe("叶子哈希 / leaf hash");
    }

    [Fact]
    public void Names_EveryCheck_HasDistinctChineseAndEnglishName()
    {
        // Arrange
        var checks = Enum.GetValues<ReceiptCheck>();

        // Act
        var chinese = checks.Select(ReceiptCheckNames.Chinese).ToArray();
        var english = checks.Select(ReceiptCheckNames.English).ToArray();

        // Assert
        chinese.Distinct().Count().ShouldBe(checks.Length);
        english.Distinct().Count().ShouldBe(checks.Length);
        chinese.ShouldAllBe(name => name.Any(c => c >= '\u4e00' && c <= '\u9fff'));
    }
}
