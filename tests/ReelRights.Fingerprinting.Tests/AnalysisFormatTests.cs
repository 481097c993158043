namespace ReelRights.Fingerprinting.Tests;

public sealed class AnalysisFormatTests
{
    [Theory]
    [InlineData(720, 1280, 144, 256)]
    [InlineData(1080, 1920, 144, 256)]
    [InlineData(1920, 1080, 256, 144)]
    [InlineData(1000, 1000, 192, 192)]
    public void AnalysisSize_AnyShape_KeepsRatioAndPixelBudget(int w, int h, int expectedW, int expectedH)
    {
        AnalysisFormat.AnalysisSize(w, h).ShouldBe((expectedW, expectedH));
    }
}
