using ReelRights.Media.Invocation;

namespace ReelRights.Media.Tests.Invocation;

public sealed class BoundedTextTailTests
{
    [Fact]
    public void ToString_WithinCapacity_ReturnsEverything()
    {
        // Arrange
        var tail = new BoundedTextTail(10);

        // Act
        tail.Append("abc");
        tail.Append("def");

        // Assert
        tail.ToString().ShouldBe("abcdef");
    }

    [Fact]
    public void ToString_ManySmallAppendsPastCapacity_KeepsLastCharactersMarked()
    {
        // Arrange
        var tail = new BoundedTextTail(5);

        // Act
        foreach (var c in "0123456789")
        {
            tail.Append([c]);
        }

        // Assert
        tail.ToString().ShouldBe("…56789");
    }

    [Fact]
    public void ToString_OneAppendLargerThanCapacity_KeepsItsEnd()
    {
        // Arrange
        var tail = new BoundedTextTail(4);
        tail.Append("xy");

        // Act
        tail.Append("abcdefgh");

        // Assert
        tail.ToString().ShouldBe("…efgh");
    }
}
