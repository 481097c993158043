using System.Text.RegularExpressions;
using ReelRights.Core.Monitoring;

namespace ReelRights.Core.Tests.Monitoring;

/// <summary>A page's view count: the schema.org WatchAction counter and nothing else, or a crawl's own pattern; null when the page states none.</summary>
public sealed class ViewCountsTests
{
    private static string Page(string jsonLd) => $"<html><head><script type=\"application/ld+json\">{jsonLd}</script></head><body>x</body></html>";

    [Fact]
    public void TheWatchCounter_IsRead_AndOtherCountersAreNot()
    {
        var page = Page("""
            {"@type":"VideoObject","interactionStatistic":[
              {"@type":"InteractionCounter","interactionType":{"@type":"LikeAction"},"userInteractionCount":99},
              {"@type":"InteractionCounter","interactionType":"https://schema.org/WatchAction","userInteractionCount":1520}]}
            """);
        ViewCounts.Read(page, null).ShouldBe(1520);
    }

    [Theory]
    [InlineData("""{"@graph":[{"@type":"WebPage"},{"@type":"VideoObject","interactionStatistic":{"interactionType":{"@type":"WatchAction"},"userInteractionCount":"1,234,567"}}]}""", 1_234_567L)]
    [InlineData("""{"interactionStatistic":{"interactionType":{"@type":"LikeAction"},"userInteractionCount":5}}""", null)]
    [InlineData("""{"interactionStatistic":{"interactionType":"WatchAction","userInteractionCount":-3}}""", null)]
    [InlineData("""{"interactionStatistic":{"interactionType":"WatchAction","userInteractionCount":"many"}}""", null)]
    [InlineData("""{"broken": [""", null)]
    public void StructuredData_IsReadOnlyWhereItStatesAWatchCount(string jsonLd, long? expected)
    {
        ViewCounts.Read(Page(jsonLd), null).ShouldBe(expected);
    }

    [Fact]
    public void ABrokenBlock_DoesNotHideALaterOne()
    {
        var html = Page("{oops") + Page("""{"interactionStatistic":{"interactionType":"WatchAction","userInteractionCount":42}}""");
        ViewCounts.Read(html, null).ShouldBe(42);
    }

    [Fact]
    public void ACrawlsPattern_ReplacesStructuredData()
    {
        var pattern = new Regex("data-plays=\"([0-9, ]+)\"", RegexOptions.NonBacktracking, TimeSpan.FromSeconds(1));
        var html = "<div data-plays=\"12 300\"></div>" + Page("""{"interactionStatistic":{"interactionType":"WatchAction","userInteractionCount":42}}""");
        ViewCounts.Read(html, pattern).ShouldBe(12_300);
        ViewCounts.Read("<p>no count</p>", pattern).ShouldBeNull();
        ViewCounts.Read("<p>no count</p>", null).ShouldBeNull();
    }
}
