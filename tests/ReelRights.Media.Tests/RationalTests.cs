namespace ReelRights.Media.Tests;

public sealed class RationalTests
{
    [Theory]
    [InlineData("30000/1001", 30000, 1001)]
    [InlineData("25/1", 25, 1)]
    [InlineData("0/0", 0, 0)]
    [InlineData("24", 24, 1)]
    [InlineData("-1/2", -1, 2)]
    public void TryParse_WellFormed_ReturnsParts(string text, long numerator, long denominator)
    {
        // Act
        var value = Rational.TryParse(text);

        // Assert
        value.ShouldBe(new Rational(numerator, denominator));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("N/A")]
    [InlineData("1/")]
    [InlineData("1.5/2")]
    [InlineData("99999999999999999999/1")]
    public void TryParse_Malformed_ReturnsNull(string? text)
    {
        // Act
        var value = Rational.TryParse(text);

        // Assert
        value.ShouldBeNull();
    }

    [Fact]
    public void IsValidAndToDouble_UnknownRate_AreFalseAndNaN()
    {
        // Arrange
        var unknown = new Rational(0, 0);

        // Act
        var valid = unknown.IsValid;
        var asDouble = unknown.ToDouble();

        // Assert
        valid.ShouldBeFalse();
        double.IsNaN(asDouble).ShouldBeTrue();
        new Rational(30000, 1001).ToDouble().ShouldBe(29.97, 0.001);
    }

    [Fact]
    public void ToString_Ntsc_FormatsAsFfmpegRatio()
    {
        // Act
        var text = new Rational(30000, 1001).ToString();

        // Assert
        text.ShouldBe("30000/1001");
    }
}
