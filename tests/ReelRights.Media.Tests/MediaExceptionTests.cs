namespace ReelRights.Media.Tests;

public sealed class MediaExceptionTests
{
    [Fact]
    public void Message_BothLanguages_PutsChineseFirstThenEnglish()
    {
        // Act
        var exception = new MediaException(MediaErrorCodes.NotMedia, "中文", "English", toolOutput: " ");

        // Assert
        exception.Message.ShouldBe("中文 / English");
        exception.Code.ShouldBe("not-media");
        exception.ToolOutput.ShouldBeNull();
    }
}
