using Heard.Analysis.Text;

namespace Heard.Analysis.Tests;

public sealed class RedactorTests
{
    [Theory]
    [InlineData("Call me on 07700 900123 please", "Call me on [phone removed] please")]
    // A valid NHS number now says what it was; it used to be "[number removed]" like any ten digits.
    [InlineData("My NHS number is 943 476 5919.", "My NHS number is [NHS number removed].")]
    [InlineData("email jo.bloggs@example.org today", "email [email removed] today")]
    [InlineData("I live at NE1 4LP", "I live at [postcode removed]")]
    [InlineData("Nurse Jo Smith was lovely", "Nurse [name removed] was lovely")]
    [InlineData("Dr. Patel explained everything", "Dr. [name removed] explained everything")]
    public void Identifiers_are_removed(string text, string expected) => Assert.Equal(expected, Redactor.Redact(text));

    [Fact]
    public void Ordinary_comments_are_unchanged() =>
        Assert.Equal("The food was cold at 6pm and the ward was noisy.", Redactor.Redact("The food was cold at 6pm and the ward was noisy."));

    [Fact]
    public void Empty_and_null_text_come_back_empty()
    {
        Assert.Equal("", Redactor.Redact(null));
        Assert.Equal("", Redactor.Redact(""));
        Assert.Empty(Redactor.Find(null));
    }

    // Worked by hand: weights 10..2 on the first nine digits, check = 11 - (sum mod 11).
    // 943 476 591: 90+36+24+28+42+30+20+27+2 = 299; 299 mod 11 = 2; 11 - 2 = 9.
    // 401 023 213: 40+0+8+0+12+15+8+3+6 = 92; 92 mod 11 = 4; 11 - 4 = 7.
    // 450 557 710: 40+45+0+35+30+35+28+3+0 = 216; 216 mod 11 = 7; 11 - 7 = 4.
    // 987 654 321: 90+72+56+42+30+20+12+6+2 = 330; 330 mod 11 = 0; 11 - 0 = 11, which means 0.
    [Theory]
    [InlineData("943 476 5919")]
    [InlineData("9434765919")]
    [InlineData("943-476-5919")]
    [InlineData("4010232137")]
    [InlineData("450 557 7104")]
    [InlineData("9876543210")]
    public void Nhs_numbers_with_the_right_check_digit_are_valid(string number) => Assert.True(Redactor.IsValidNhsNumber(number));

    // 123 456 789: 10+18+24+28+30+30+28+24+18 = 210; 210 mod 11 = 1; 11 - 1 = 10, so no check digit can make it valid.
    [Theory]
    [InlineData("943 476 5918")] // check digit should be 9
    [InlineData("4010232130")] // should be 7
    [InlineData("9876543211")] // should be 0
    [InlineData("1234567890")] // check 10: never valid
    [InlineData("1234567891")]
    [InlineData("943 476 591")] // nine digits
    [InlineData("94347659190")] // eleven digits
    [InlineData("943 476 591X")]
    public void Nhs_numbers_with_a_wrong_check_digit_or_length_are_not_valid(string number) => Assert.False(Redactor.IsValidNhsNumber(number));

    [Fact]
    public void Find_gives_each_span_with_its_kind()
    {
        const string text = "Nurse Kelly rang me on 07700 900345 about my NHS number 450 557 7104, DOB 02/02/1944.";
        Assert.Equal(
        [
            new PersonalDataSpan(6, 5, PersonalDataKind.Name),
            new PersonalDataSpan(23, 12, PersonalDataKind.Phone),
            new PersonalDataSpan(56, 12, PersonalDataKind.NhsNumber),
            new PersonalDataSpan(74, 10, PersonalDataKind.DateOfBirth),
        ], Redactor.Find(text));
    }

    [Theory]
    // Ten digits that fail the check may be a mistyped NHS number: removed, but not called an NHS number.
    [InlineData("My NHS number is 943 476 5918.", "My NHS number is [number removed].")]
    [InlineData("My hospital number is RX1234567.", "My hospital number is [number removed].")]
    [InlineData("Ring +44 (0)20 7946 0321 ext 123 today", "Ring [phone removed] today")]
    [InlineData("Please call (0113) 496 0342 or 020-7946-0999.", "Please call [phone removed] or [phone removed].")]
    [InlineData("Contact number: 07700.900.321", "Contact number: [phone removed]")]
    [InlineData("put through to ext. 4456 then cut off", "put through to [phone removed] then cut off")]
    [InlineData("Sent to GIR 0AA and m1 1ae and CR26XH", "Sent to [postcode removed] and [postcode removed] and [postcode removed]")]
    [InlineData("d.o.b 1956-03-12", "d.o.b [date of birth removed]")]
    [InlineData("date of birth: 12.3.56", "date of birth: [date of birth removed]")]
    [InlineData("I was born on 3rd March 1956 here", "I was born on [date of birth removed] here")]
    [InlineData("My mum, 12/04/1941, aged 84, waited", "My mum, [date of birth removed], aged 84, waited")]
    [InlineData("Thanks to Sarah and Tom on ward 3", "Thanks to [name removed] and [name removed] on ward 3")]
    [InlineData("sarah on the desk was kind", "[name removed] on the desk was kind")]
    [InlineData("A nurse called Priya held my hand", "A nurse called [name removed] held my hand")]
    [InlineData("My name is Margaret Thompson", "My name is [name removed]")]
    [InlineData("Ask for Jo at the clinic", "Ask for [name removed] at the clinic")]
    [InlineData("Will was amazing with my daughter", "[name removed] was amazing with my daughter")]
    [InlineData("Dr J. Harrison was kind", "Dr [name removed] was kind")]
    [InlineData("Hannah's kindness", "[name removed]'s kindness")]
    public void Each_kind_is_removed_in_the_forms_patients_write_it(string text, string expected) => Assert.Equal(expected, Redactor.Redact(text));

    [Theory]
    [InlineData("Will I be seen sooner next time?")]
    [InlineData("May I say thank you to everyone on Ward 5.")]
    [InlineData("I was seen in May 2026 and again in June.")]
    [InlineData("My appointment on 12/03/2026 was cancelled twice.")]
    [InlineData("Bay 4 was noisy; we waited from 10:30 until 14:45.")]
    [InlineData("Parking cost £12.50 for three hours.")]
    [InlineData("Rose Ward and Grace Ward were spotless.")]
    [InlineData("The Florence Nightingale Unit was calm.")]
    [InlineData("St Mary's was better than the Queen Elizabeth Hospital.")]
    [InlineData("Hope to never come back. Faith in the NHS restored.")]
    [InlineData("Call 111 or 999 in an emergency.")]
    [InlineData("The nurse was lovely but the doctor was rushed.")]
    [InlineData("We were on ward b4 2nd floor.")]
    [InlineData("The team (nurse, OT and physio) were great, the TED stockings less so.")]
    [InlineData("I’ve been seen by the CPN twice.")]
    [InlineData("May was a busy month for the clinic.")]
    [InlineData("I am Disabled and the parking was too far.")]
    [InlineData("Sepsis was diagnosed quickly, and the X-ray was clear.")]
    public void Visit_dates_wards_times_and_ordinary_capitalised_words_are_kept(string text) => Assert.Equal(text, Redactor.Redact(text));
}
