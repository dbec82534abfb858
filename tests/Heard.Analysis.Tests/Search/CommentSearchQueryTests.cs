using Heard.Analysis.Search;

namespace Heard.Analysis.Tests.Search;

public sealed class CommentSearchQueryTests
{
    [Theory]
    [InlineData("food", "\"food\"", "'food'")]
    [InlineData("Cold FOOD", "(\"cold\" AND \"food\")", "('cold' & 'food')")]
    [InlineData("food AND cold", "(\"food\" AND \"cold\")", "('food' & 'cold')")]
    [InlineData("food OR drink", "(\"food\" OR \"drink\")", "('food' | 'drink')")]
    [InlineData("food NOT hospital", "(\"food\" NOT \"hospital\")", "('food' & !'hospital')")]
    [InlineData("food -hospital", "(\"food\" NOT \"hospital\")", "('food' & !'hospital')")]
    [InlineData("\"waiting time\"", "\"waiting time\"", "('waiting' <-> 'time')")]
    [InlineData("nurs*", "\"nurs\"*", "'nurs':*")]
    [InlineData("(food OR drink) NOT hospital", "((\"food\" OR \"drink\") NOT \"hospital\")", "(('food' | 'drink') & !'hospital')")]
    [InlineData("a&e", "\"a e\"", "('a' <-> 'e')")]
    [InlineData("don't", "\"dont\"", "'dont'")]
    [InlineData("staff OR nurses waiting", "(\"staff\" OR (\"nurses\" AND \"waiting\"))", "('staff' | ('nurses' & 'waiting'))")]
    public void Queries_are_written_for_both_engines(string typed, string fts5, string tsquery)
    {
        var query = CommentSearchQuery.Parse(typed)!;
        Assert.Equal(fts5, query.ToFts5());
        Assert.Equal(tsquery, query.ToTsQuery());
    }

    [Theory]
    [InlineData("food\" OR 1=1 --")]
    [InlineData("'; DROP TABLE feedback; -- x")]
    [InlineData("NEAR(food cold) col:x ^start")]
    public void Nothing_typed_reaches_the_engine_as_syntax(string typed)
    {
        var query = CommentSearchQuery.Parse(typed)!;
        // Only whole quoted words and our own operators come out.
        Assert.DoesNotContain(";", query.ToFts5());
        Assert.DoesNotContain(":", query.ToFts5());
        Assert.DoesNotContain("=", query.ToTsQuery());
        Assert.All(query.PositiveWords(), w => Assert.True(w.All(char.IsLetterOrDigit), w));
    }

    [Theory]
    [InlineData("NOT food", "Add a word to search for")]
    [InlineData("food OR", "OR needs a word on each side")]
    [InlineData("(food cold", "no closing bracket")]
    [InlineData("food)", "no opening bracket")]
    [InlineData("food OR NOT cold", "NOT cannot be one side of OR")]
    [InlineData("food OR -cold", "NOT cannot be one side of OR")]
    [InlineData("()", "The brackets are empty")]
    public void A_query_that_cannot_be_searched_says_what_to_change(string typed, string message)
    {
        var e = Assert.Throws<SearchQueryException>(() => CommentSearchQuery.Parse(typed));
        Assert.Contains(message, e.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("!!! ,,,")]
    public void A_query_with_no_words_searches_nothing(string typed) => Assert.Null(CommentSearchQuery.Parse(typed));

    [Fact]
    public void Positive_words_leave_out_the_excluded_ones() =>
        Assert.Equal(["food", "cold", "waiting", "time"], CommentSearchQuery.Parse("food cold \"waiting time\" NOT hospital")!.PositiveWords());

    [Fact]
    public void A_very_long_query_is_refused() =>
        Assert.Throws<SearchQueryException>(() => CommentSearchQuery.Parse(new string('a', 501)));
}
