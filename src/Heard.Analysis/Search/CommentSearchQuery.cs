using System.Text;

namespace Heard.Analysis.Search;

/// <summary>
/// What staff type in the comment search box: words, "quoted phrases", word* prefixes, AND (also implied between
/// words), OR, NOT (or a leading minus) and brackets. Parsed once, then written out for each database's own full-text
/// engine (SQLite FTS5 with the Porter stemmer, PostgreSQL tsquery with the English dictionary), so both stem alike.
/// </summary>
public abstract record SearchNode;

public sealed record TermNode(string Word, bool Prefix) : SearchNode;

public sealed record PhraseNode(IReadOnlyList<string> Words) : SearchNode;

public sealed record AndNode(SearchNode Left, SearchNode Right) : SearchNode;

public sealed record OrNode(SearchNode Left, SearchNode Right) : SearchNode;

public sealed record NotNode(SearchNode Inner) : SearchNode;

/// <summary>The query cannot be searched as typed; the message says what to change.</summary>
public sealed class SearchQueryException(string message) : Exception(message);

public sealed class CommentSearchQuery
{
    public const int MaxLength = 500;
    public SearchNode Root { get; }
    public string Text { get; }

    private CommentSearchQuery(string text, SearchNode root)
    {
        Text = text;
        Root = root;
    }

    /// <summary>Parses the query; null when it holds nothing to search for.</summary>
    public static CommentSearchQuery? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (text.Length > MaxLength) throw new SearchQueryException($"Search for {MaxLength} characters or fewer");
        var tokens = Tokenise(text);
        if (tokens.Count == 0) return null;
        var parser = new Parser(tokens);
        var root = parser.ParseOr();
        if (parser.Position < tokens.Count)
            throw new SearchQueryException(tokens[parser.Position].Kind == TokenKind.Close
                ? "A closing bracket has no opening bracket"
                : $"Could not read the search near '{tokens[parser.Position].Text}'");
        if (root is NotNode)
            throw new SearchQueryException("Add a word to search for as well as the words to leave out, for example: food NOT hospital");
        // FTS5 is the stricter engine; checking against it here means both databases accept exactly the same searches.
        _ = Fts5(root);
        return new CommentSearchQuery(text.Trim(), root);
    }

    /// <summary>The words a match must contain, for highlighting results (NOT branches left out).</summary>
    public IReadOnlyList<string> PositiveWords()
    {
        var words = new List<string>();
        Collect(Root, words);
        return words;

        static void Collect(SearchNode node, List<string> into)
        {
            switch (node)
            {
                case TermNode t: into.Add(t.Word); break;
                case PhraseNode p: into.AddRange(p.Words); break;
                case AndNode a: Collect(a.Left, into); Collect(a.Right, into); break;
                case OrNode o: Collect(o.Left, into); Collect(o.Right, into); break;
            }
        }
    }

    /// <summary>An FTS5 MATCH expression. Every word is quoted, so nothing typed can be read as FTS5 syntax.</summary>
    public string ToFts5() => Fts5(Root);

    private static string Fts5(SearchNode node) => node switch
    {
        TermNode t => $"\"{t.Word}\"" + (t.Prefix ? "*" : ""),
        PhraseNode p => $"\"{string.Join(' ', p.Words)}\"",
        // FTS5's NOT is binary ("a NOT b"); a NOT on the right of AND becomes that.
        AndNode { Right: NotNode n } a => $"({Fts5(a.Left)} NOT {Fts5(n.Inner)})",
        AndNode { Left: NotNode n } a => $"({Fts5(a.Right)} NOT {Fts5(n.Inner)})",
        AndNode a => $"({Fts5(a.Left)} AND {Fts5(a.Right)})",
        OrNode o when o.Left is NotNode || o.Right is NotNode =>
            throw new SearchQueryException("NOT cannot be one side of OR; put the words you want first, for example: (food OR drink) NOT hospital"),
        OrNode o => $"({Fts5(o.Left)} OR {Fts5(o.Right)})",
        NotNode => throw new SearchQueryException("NOT must follow a word to search for, for example: food NOT hospital"),
        _ => throw new InvalidOperationException(node.GetType().Name),
    };

    /// <summary>
    /// A PostgreSQL tsquery text for <c>to_tsquery('english', …)</c>. Each word is single-quoted, so operators typed by
    /// the user are never read as tsquery syntax; the English dictionary still stems the quoted words.
    /// </summary>
    public string ToTsQuery() => Ts(Root);

    private static string Ts(SearchNode node) => node switch
    {
        TermNode t => $"'{t.Word}'" + (t.Prefix ? ":*" : ""),
        PhraseNode p => "(" + string.Join(" <-> ", p.Words.Select(w => $"'{w}'")) + ")",
        AndNode a => $"({Ts(a.Left)} & {Ts(a.Right)})",
        OrNode o => $"({Ts(o.Left)} | {Ts(o.Right)})",
        NotNode n => $"!{Ts(n.Inner)}",
        _ => throw new InvalidOperationException(node.GetType().Name),
    };

    private enum TokenKind { Word, Phrase, And, Or, Not, Open, Close }

    private sealed record Token(TokenKind Kind, string Text, bool Prefix = false, IReadOnlyList<string>? Words = null);

    /// <summary>Words keep letters, digits and inner apostrophes; everything else separates them.</summary>
    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var sb = new StringBuilder();
        foreach (var raw in text)
        {
            var c = raw is '\u2019' or '\u2018' ? '\'' : raw;
            if (char.IsLetterOrDigit(c) || (c == '\'' && sb.Length > 0)) sb.Append(char.ToLowerInvariant(c));
            else Flush();
        }
        Flush();
        return words;

        void Flush()
        {
            var w = sb.ToString().Trim('\'').Replace("'", "", StringComparison.Ordinal);
            if (w.Length > 0) words.Add(w);
            sb.Clear();
        }
    }

    private static List<Token> Tokenise(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c == '(') { tokens.Add(new(TokenKind.Open, "(")); i++; continue; }
            if (c == ')') { tokens.Add(new(TokenKind.Close, ")")); i++; continue; }
            if (c is '"' or '\u201C' or '\u201D')
            {
                var end = text.IndexOfAny(['"', '\u201C', '\u201D'], i + 1);
                var inner = end < 0 ? text[(i + 1)..] : text[(i + 1)..end];
                var words = Words(inner);
                if (words.Count == 1) tokens.Add(new(TokenKind.Word, words[0]));
                else if (words.Count > 1) tokens.Add(new(TokenKind.Phrase, inner, Words: words));
                i = end < 0 ? text.Length : end + 1;
                continue;
            }
            if (c == '-' && (i + 1 < text.Length && !char.IsWhiteSpace(text[i + 1])) && (i == 0 || char.IsWhiteSpace(text[i - 1]) || text[i - 1] == '('))
            {
                tokens.Add(new(TokenKind.Not, "-"));
                i++;
                continue;
            }
            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not '(' and not ')' and not '"' and not '\u201C' and not '\u201D') i++;
            var chunk = text[start..i];
            switch (chunk)
            {
                case "AND" or "&" or "&&": tokens.Add(new(TokenKind.And, chunk)); continue;
                case "OR" or "|" or "||": tokens.Add(new(TokenKind.Or, chunk)); continue;
                case "NOT": tokens.Add(new(TokenKind.Not, chunk)); continue;
            }
            var prefix = chunk.EndsWith('*');
            var parts = Words(chunk);
            // "well-being" or "a&e" are one thing to the person typing: search them as a phrase.
            if (parts.Count == 1) tokens.Add(new(TokenKind.Word, parts[0], prefix));
            else if (parts.Count > 1) tokens.Add(new(TokenKind.Phrase, chunk, Words: parts));
        }
        return tokens;
    }

    private sealed class Parser(List<Token> tokens)
    {
        public int Position;

        private Token? Peek => Position < tokens.Count ? tokens[Position] : null;

        public SearchNode ParseOr()
        {
            var left = ParseAnd();
            while (Peek?.Kind == TokenKind.Or)
            {
                Position++;
                if (Peek is null or { Kind: TokenKind.Close or TokenKind.Or or TokenKind.And })
                    throw new SearchQueryException("OR needs a word on each side, for example: food OR drink");
                left = new OrNode(left, ParseAnd());
            }
            return left;
        }

        private SearchNode ParseAnd()
        {
            var left = ParseUnary();
            while (Peek is { Kind: not (TokenKind.Or or TokenKind.Close) } next)
            {
                if (next.Kind == TokenKind.And)
                {
                    Position++;
                    if (Peek is null or { Kind: TokenKind.Close or TokenKind.Or or TokenKind.And })
                        throw new SearchQueryException("AND needs a word on each side, for example: food AND cold");
                }
                left = new AndNode(left, ParseUnary());
            }
            return left;
        }

        private SearchNode ParseUnary()
        {
            var t = Peek ?? throw new SearchQueryException("The search ends too early");
            switch (t.Kind)
            {
                case TokenKind.Not:
                    Position++;
                    if (Peek is null or { Kind: TokenKind.Close or TokenKind.Or or TokenKind.And })
                        throw new SearchQueryException("NOT needs a word after it, for example: food NOT hospital");
                    var inner = ParseUnary();
                    return inner is NotNode n ? n.Inner : new NotNode(inner);
                case TokenKind.Open:
                    Position++;
                    if (Peek?.Kind == TokenKind.Close) throw new SearchQueryException("The brackets are empty");
                    var group = ParseOr();
                    if (Peek?.Kind != TokenKind.Close) throw new SearchQueryException("An opening bracket has no closing bracket");
                    Position++;
                    return group;
                case TokenKind.Word:
                    Position++;
                    return new TermNode(t.Text, t.Prefix);
                case TokenKind.Phrase:
                    Position++;
                    return new PhraseNode(t.Words!);
                case TokenKind.Close:
                    throw new SearchQueryException("A closing bracket has no opening bracket");
                default:
                    throw new SearchQueryException($"'{t.Text}' needs a word before it");
            }
        }
    }
}
