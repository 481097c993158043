using System.Text;
using ReelRights.Ledger.Records;

namespace ReelRights.Ledger.Tests.Records;

public sealed class Sm3Tests
{
    [Fact]
    public void HashData_Abc_MatchesGbT32905Example1()
    {
        // Act
        var digest = Sm3.HashData("abc"u8);

        // Assert
        Convert.ToHexStringLower(digest).ShouldBe("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
    }

    [Fact]
    public async Task HashDataAsync_SixtyFourByteStream_MatchesGbT32905Example2()
    {
        // Arrange
        using var stream = new MemoryStream(Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("abcd", 16))));

        // Act
        var digest = await Sm3.HashDataAsync(stream, TestContext.Current.CancellationToken);

        // Assert
        Convert.ToHexStringLower(digest).ShouldBe("debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");
    }
}
