using Heard.Analysis.Text;

namespace Heard.Analysis.Tests;

public sealed class RedactorTests
{
    [Theory]
    [InlineData("Call me on 07700 900123 please", "Call me on [phone removed] please")]
    [InlineData("My NHS number is 943 476 5919.", "My NHS number is [NHS number removed].")]
    [InlineData("email jo.bloggs@example.org today", "email [email removed] today")]
    [InlineData("I live at NE1 4LP", "I live at [postcode removed]")]
    [InlineData("Nurse Jo Smith was lovely", "Nurse [name removed] was lovely")]
    [InlineData("Dr. Patel explained everything", "Dr. [name removed] explained everything")]
    public void Identifiers_are_removed(string text, string expected) => Assert.Equal(expected, Redactor.Redact(text));

    [Fact]
    public void Ordinary_comments_are_unchanged() =>
        Assert.Equal("The food was cold at 6pm and the ward was noisy.", Redactor.Redact("The food was cold at 6pm and the ward was noisy."));
}
