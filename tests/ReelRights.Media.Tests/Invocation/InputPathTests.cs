using ReelRights.Media.Invocation;
using ReelRights.Media.Tests.Support;

namespace ReelRights.Media.Tests.Invocation;

public sealed class InputPathTests(GeneratedMedia media)
{
    [Theory]
    [InlineData("http://example.com/a.mp4")]
    [InlineData("concat:/etc/passwd|/etc/hosts")]
    [InlineData("pipe:0")]
    [InlineData("subfile,,start,0,end,100,,:/etc/passwd")]
    [InlineData("file:/etc/passwd")]
    [InlineData("data:text/plain,hello")]
    [InlineData("a.b+c-d:x")]
    public void ToFfmpegInput_ProtocolPrefix_ThrowsUnsafePath(string path)
    {
        // Act
        var act = () => InputPath.ToFfmpegInput(path);

        // Assert
        act.ShouldThrow<MediaException>().Code.ShouldBe(MediaErrorCodes.UnsafePath);
    }

    [Theory]
    [InlineData("/tmp/a:b.mp4", false)]
    [InlineData("C:\\media\\a.mp4", false)]
    [InlineData("12:30 clip.mp4", false)]
    [InlineData("-i", false)]
    [InlineData("rtmp:x", true)]
    public void LooksLikeProtocol_VariousPaths_DetectsOnlyUriSchemes(string path, bool expected)
    {
        // Act
        var result = InputPath.LooksLikeProtocol(path);

        // Assert
        result.ShouldBe(expected);
    }

    [Fact]
    public void ToFfmpegInput_FileNamedLikeAnOption_IsPinnedToTheFileProtocol()
    {
        // Arrange
        var path = media.NewPath("-i");
        File.WriteAllBytes(path, [0]);

        // Act
        var input = InputPath.ToFfmpegInput(path);

        // Assert
        input.ShouldBe("file:" + path);
    }

    [Fact]
    public void ToFfmpegInput_MissingFile_ThrowsFileNotFound()
    {
        // Arrange
        var path = media.NewPath("missing.mp4");

        // Act
        var act = () => InputPath.ToFfmpegInput(path);

        // Assert
        act.ShouldThrow<MediaException>().Code.ShouldBe(MediaErrorCodes.FileNotFound);
    }

    [Fact]
    public void ToFfmpegInput_Directory_ThrowsFileNotFound()
    {
        // Act
        var act = () => InputPath.ToFfmpegInput(media.Folder);

        // Assert
        act.ShouldThrow<MediaException>().Code.ShouldBe(MediaErrorCodes.FileNotFound);
    }

    [Fact]
    public void ToFfmpegInput_RelativePath_BecomesAbsolute()
    {
        // Arrange
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, media.Sine);

        // Act
        var input = InputPath.ToFfmpegInput(relative);

        // Assert
        input.ShouldBe("file:" + media.Sine);
    }
}
