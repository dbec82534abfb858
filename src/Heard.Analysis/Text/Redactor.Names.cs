namespace Heard.Analysis.Text;

public static partial class Redactor
{
    /// <summary>
    /// A word of the text: letters, with apostrophes and hyphens inside ("O'Brien", "Smith-Jones"). <see cref="Bare"/>
    /// is the word without a possessive 's, <see cref="Lower"/> the same in lower case.
    /// </summary>
    private readonly record struct Word(int Start, int Length, bool SentenceStart, bool SpaceBefore, string Bare, string Lower)
    {
        public int End => Start + Length;
    }

    /// <summary>
    /// Names are found from context, because a name list alone misses most surnames and catches "Will" and "May":
    /// after a title or staff role ("Dr Patel", "the nurse Sarah"), after a cue ("a nurse called", "my name is",
    /// "thanks to", "ask for"), before a cue ("Sarah on reception", "Tom the porter"), and any capitalised word that
    /// is a common given name. Given names that are also ordinary words ("Will", "May", "Grace") need context too.
    /// A capitalised run followed by a place word ("Rose Ward", "Florence Nightingale Unit") is a place.
    /// </summary>
    private static void FindNames(string text, Action<int, int> add)
    {
        var words = Words(text);
        if (words.Count == 0) return;
        var shouting = IsShouting(text);
        for (var i = 0; i < words.Count; i++)
        {
            var end = NameStartingAt(text, words, i, shouting);
            if (end < 0) continue;
            AddName(text, words, i, end, add);
            // "Thanks to Sarah, Tom and Priya": a list carries on through commas and "and". A given name found by the
            // list alone only carries on to other given names ("James Cook, Sedgefield and Bishop" are places).
            var byListAlone = IsGivenName(words[i].Bare) && CueBefore(text, words, i) == Cue.None
                && !(i > 0 && (IsStrongTitle(text, words, i - 1) || IsRoleBefore(text, words, i - 1)));
            while (end < words.Count)
            {
                var next = ListContinuation(text, words, end, allowUnknown: !byListAlone);
                if (next < 0) break;
                var nextEnd = ExtendSurname(text, words, next, next + 1);
                AddName(text, words, next, nextEnd, add);
                end = nextEnd;
            }
            i = end - 1;
        }
    }

    private static void AddName(string text, List<Word> words, int first, int end, Action<int, int> add)
    {
        var start = words[first].Start;
        var last = words[end - 1];
        var length = last.End - start;
        // "Sarah's kindness": the possessive stays.
        if (last.Length > 2 && text[last.End - 1] is 's' && text[last.End - 2] is '\'' or '’') length -= 2;
        add(start, length);
    }

    /// <summary>The end (exclusive word index) of a name starting at word <paramref name="i"/>, or -1.</summary>
    private static int NameStartingAt(string text, List<Word> words, int i, bool shouting)
    {
        var w = words[i];
        var word = w.Bare;
        // "OT", "CPN", "TED stockings": capitals are abbreviations unless the whole comment is in capitals.
        if (!shouting && word.Length > 1 && IsAllCaps(word)) return -1;
        // A single letter is a name only as the initial after a title: "Dr J. Smith", not "from A to B".
        if (word.Length == 1 && !(i > 0 && IsStrongTitle(text, words, i - 1) && HasSurname(text, words, i))) return -1;
        var capitalised = IsCapitalised(word);
        var given = IsGivenName(word);
        var ambiguous = given && AmbiguousNames.Contains(word);
        if (!capitalised && !given && !(i > 0 && IsStrongTitle(text, words, i - 1))) return -1;
        if (IsPlace(text, words, i)) return -1;
        var common = CommonWords.Contains(word) || StrongTitles.Contains(word) || RoleWords.Contains(word);

        // Titles: "Dr Patel", "Mrs O'Brien", "dr patel", "Dr J. Smith" (the initial starts the name), "Nurse Jo Smith",
        // "the nurse Sarah".
        if (i > 0 && !common)
        {
            if (IsStrongTitle(text, words, i - 1) && (capitalised || word.Length > 1)) return ExtendSurname(text, words, i, i + 1);
            // A capitalised role is a title ("Sister Grace"); a lower-case one needs a clearer name ("the nurse Sarah").
            if (IsRoleBefore(text, words, i - 1) && capitalised
                && (IsCapitalised(words[i - 1].Bare) || !ambiguous || FollowedByVerb(text, words, i) || HasSurname(text, words, i)))
                return ExtendSurname(text, words, i, i + 1);
            if (IsRoleBefore(text, words, i - 1) && !capitalised && given && !ambiguous) return i + 1;
        }

        var cue = CueBefore(text, words, i);
        if (cue == Cue.Naming && (capitalised && !common || given)) return ExtendSurname(text, words, i, i + 1);
        if (cue == Cue.SelfIntroduction)
        {
            if (given && capitalised && !ambiguous) return ExtendSurname(text, words, i, i + 1);
            // An unknown word needs a surname or the end of a clause: "I'm Doreen, ...", not "I am Disabled and ...".
            if (capitalised && !common && (HasSurname(text, words, i) || EndsClause(text, words, i))) return ExtendSurname(text, words, i, i + 1);
        }
        if (cue == Cue.Mention)
        {
            if (capitalised && !common && word.Length > 1 && !IsAllCaps(word)) return ExtendSurname(text, words, i, i + 1);
            if (given && !ambiguous) return ExtendSurname(text, words, i, i + 1);
        }
        // A sign-off ends the comment: "Thank you all - Brenda", "Kind regards, Peter", "from Sue".
        if (cue == Cue.SignOff && ExtendSurname(text, words, i, i + 1) == words.Count
            && (given || capitalised && !common && !words[i - 1].Lower.Equals("from", StringComparison.Ordinal)))
            return ExtendSurname(text, words, i, i + 1);

        // "Sarah on reception", "Tom the porter", "Priya (HCA)". At the start of a sentence a word that is not a plain
        // given name needs the role and a verb ("Rob the paramedic kept me calm"), as "Stuck on wards" and "Especially
        // the paramedic" show.
        var after = CueAfter(text, words, i);
        if (after != After.None && (given && !ambiguous || capitalised && !common && !w.SentenceStart && (!ambiguous || after != After.Desk)
                || capitalised && !common && after == After.RoleThenVerb))
            return ExtendSurname(text, words, i, i + 1);

        if (!given)
        {
            // An unknown capitalised word inside a sentence doing what people do: "and Okonkwo was fantastic".
            // Only verbs people do, not "was" alone: "Sepsis was diagnosed", "Tesco was poorly organised".
            if (capitalised && !common && !w.SentenceStart && !PlaceWords.Contains(word)
                && (FollowedByPersonVerb(text, words, i) || BetweenCommasBeforeVerb(text, words, i)))
                return i + 1;
            return -1;
        }
        if (!ambiguous)
        {
            if (capitalised) return ExtendSurname(text, words, i, i + 1);
            // Lower case: "sarah was lovely", but not "the nurse sarah" (handled above) or a word in a sentence.
            return FollowedByVerb(text, words, i) ? i + 1 : -1;
        }
        // "Will was lovely", "Grace Taylor", but not "Will I be seen?", "in May 2026", "May was a busy month", "Grace Ward".
        if (!capitalised) return -1;
        if (HasSurname(text, words, i)) return ExtendSurname(text, words, i, i + 1);
        if (FollowedByPersonVerb(text, words, i) && !FollowedByDigit(text, words[i])) return i + 1;
        // "Grace and Faith on nights": paired with another name.
        var paired = ListContinuation(text, words, i + 1);
        if (paired > 0 && IsGivenName(words[paired].Bare) && IsCapitalised(words[paired].Bare)) return i + 1;
        return -1;
    }

    private static int ExtendSurname(string text, List<Word> words, int first, int end)
    {
        // Up to two more capitalised words, space-separated, that are not ordinary words: "Jo Smith", "Mary Ann Jones".
        while (end < words.Count && end - first < 3 && !words[end].SentenceStart
            && (words[end].SpaceBefore || words[end - 1].Length == 1 && text.AsSpan(words[end - 1].End, words[end].Start - words[end - 1].End).Trim() is "."))
        {
            var next = words[end].Bare;
            if (!IsCapitalised(next) || IsAllCaps(next) && next.Length > 1 || CommonWords.Contains(next) || StrongTitles.Contains(next)
                || RoleWords.Contains(next) || PlaceWords.Contains(next)) break;
            if (next.Length == 1) break;
            // A possessive ends the name: "Sarah Jones's".
            end++;
            if (words[end - 1].Length > 2 && text[words[end - 1].End - 2] is '\'' or '’') break;
        }
        return end;
    }

    private static bool HasSurname(string text, List<Word> words, int i) => ExtendSurname(text, words, i, i + 1) > i + 1;

    /// <summary>The next name in a list ("Sarah, Tom and Priya"), or -1.</summary>
    private static int ListContinuation(string text, List<Word> words, int end, bool allowUnknown = true)
    {
        if (end >= words.Count) return -1;
        var gap = text.AsSpan(words[end - 1].End, words[end].Start - words[end - 1].End).Trim();
        var next = end;
        if (gap is "," or "&" or "+" or "/")
        {
            if (words[next].Bare is "and" or "or") next++;
        }
        else if (gap.IsEmpty && words[next].Bare is "and" or "or") next++;
        else return -1;
        if (next >= words.Count || next == end && gap.IsEmpty) return -1;
        if (next > end && text.AsSpan(words[next - 1].End, words[next].Start - words[next - 1].End).Trim().Length > 0) return -1;
        var word = words[next].Bare;
        if (IsPlace(text, words, next)) return -1;
        if (IsGivenName(word) && (IsCapitalised(word) || !AmbiguousNames.Contains(word))) return next;
        if (IsCapitalised(word) && word.Length > 1 && !IsAllCaps(word) && !CommonWords.Contains(word) && !StrongTitles.Contains(word)
            && !RoleWords.Contains(word) && !PlaceWords.Contains(word) && (allowUnknown || FollowedByVerb(text, words, next))) return next;
        return -1;
    }

    private enum Cue { None, Naming, SelfIntroduction, Mention, SignOff }

    private static Cue CueBefore(string text, List<Word> words, int i)
    {
        if (i == 0) return Cue.None;
        var gapBefore = text.AsSpan(words[i - 1].End, words[i].Start - words[i - 1].End).Trim();
        string Prev(int back) => i - back >= 0 ? words[i - back].Lower : "";
        var p1 = Prev(1);
        var p2 = Prev(2);
        var p3 = Prev(3);
        if (gapBefore is "," or "-" or "–" or "—" or "" or ":")
        {
            if (p1 is "called" or "named" or "name's" or "names" || p1 == "is" && p2 == "name" || p1 == "was" && p2 == "name"
                || p1 == "as" && p2 == "known" || p1 == "name" && gapBefore is ":" or "-" || p1 == "by" && p2 == "name" && p3 == "the")
                return Cue.Naming;
            if (p1 is "was" or "is" && RoleWords.Contains(p2) && gapBefore is "") return Cue.Naming;
            if (p1 is "i'm" or "im" || p1 == "am" && p2 == "i" || p1 == "is" && p2 == "this") return Cue.SelfIntroduction;
        }
        if (gapBefore is "" or "," or ":" or "-" or "–" or "!")
        {
            if (p1 is "regards" or "signed" or "sincerely" or "faithfully" or "truly" || p1 == "from"
                || p1 is "love" or "cheers" && (words[i - 1].SentenceStart || gapBefore is ",")) return Cue.SignOff; // not "I love Leeds"
            if (p1 is "to" && (p2 is "thanks" or "thankyou" or "mention" or "out" or "praise" or "spoke" or "speak" or "talk" or "talked" or "spoken" or "compliments"
                    || p2 == "you" && p3 == "thank" || p2 == "done" && p3 == "well" || p2 == "thank" || p2 is "go" or "goes" && p3 is "thanks" or "thank" or "praise")
                || p1 is "thanks" or "thankyou" or "thx" or "ta" || p1 == "you" && p2 == "thank" || p1 == "done" && p2 == "well"
                || p1 == "for" && p2 is "ask" or "asked" or "asking" or "praise"
                || p1 == "with" && p2 is "spoke" or "speak" or "talked" or "spoken"
                || p1 == "by" && p2 is "seen" or "treated" or "helped" or "reassured" or "supported" or "examined" or "operated" or "cared" or "after" or "delivered" or "looked"
                || p1 == "for" && p2 == "cared" || p1 == "after" && p2 is "looked" or "look" or "looking"
                || p1 is "especially" or "particularly" or "esp" or "saw" or "except" or "including"
                || p1 == "about" && p2 is "complain" or "complaint")
                return Cue.Mention;
        }
        // "Thank you all - Margaret": a name signed after a dash at the very end.
        if (gapBefore is "-" or "–" or "—" or "~") return Cue.SignOff;
        return Cue.None;
    }

    private enum After { None, Desk, Role, RoleThenVerb }

    /// <summary>"Sarah on reception", "Tom the porter", "Priya (HCA)", "Jo from pharmacy", "Sarah, the ward manager".</summary>
    private static After CueAfter(string text, List<Word> words, int i)
    {
        var end = ExtendSurname(text, words, i, i + 1);
        if (end >= words.Count) return After.None;
        var gap = text.AsSpan(words[end - 1].End, words[end].Start - words[end - 1].End).Trim();
        var n1 = words[end].Lower;
        var n2 = end + 1 < words.Count ? words[end + 1].Lower : "";
        var n3 = end + 2 < words.Count ? words[end + 2].Lower : "";
        if (gap is "(" && RoleWords.Contains(n1)) return After.Role;
        if (gap is "" or "," && n1 is "the" or "our" || gap is "," && n1 is "my" or "a")
        {
            var role = RoleWords.Contains(n2) ? end + 1
                : n2 is "ward" or "staff" or "lovely" or "student" or "senior" or "head" or "healthcare" && RoleWords.Contains(n3) ? end + 2 : -1;
            if (role < 0) return After.None;
            var verb = role + 1 < words.Count && (NameVerbs.Contains(words[role + 1].Bare)
                || text.AsSpan(words[role].End, words[role + 1].Start - words[role].End).Trim() is ",");
            return verb ? After.RoleThenVerb : After.Role;
        }
        if (gap is "" && n1 is "on" or "at" or "from" or "in" && (DeskWords.Contains(n2) || n2 is "the" && DeskWords.Contains(n3))) return After.Desk;
        return After.None;
    }

    private static bool IsStrongTitle(string text, List<Word> words, int i)
    {
        var word = words[i].Bare;
        if (!StrongTitles.Contains(word)) return false;
        // "ms" and "miss" in lower case are more often multiple sclerosis and the verb.
        if (!IsCapitalised(word) && word is not ("mr" or "mrs" or "dr" or "prof")) return false;
        // "Dr. Patel": only a dot may separate the title from the name.
        var gap = text.AsSpan(words[i].End, words[i + 1].Start - words[i].End).Trim();
        return gap is "" or ".";
    }

    /// <summary>"Nurse Jo", "the nurse Sarah", "Sister Jones", "Receptionist Priya".</summary>
    private static bool IsRoleBefore(string text, List<Word> words, int i)
    {
        var word = words[i].Bare;
        if (!RoleWords.Contains(word)) return false;
        var gap = text.AsSpan(words[i].End, words[i + 1].Start - words[i].End).Trim();
        return gap is "" or ",";
    }

    private static bool FollowedByVerb(string text, List<Word> words, int i)
    {
        if (i + 1 >= words.Count) return false;
        var gap = text.AsSpan(words[i].End, words[i + 1].Start - words[i].End).Trim();
        if (!gap.IsEmpty) return false;
        return NameVerbs.Contains(words[i + 1].Bare);
    }

    /// <summary>"The nurse on bay 3, Okonkwo, was fantastic."</summary>
    private static bool BetweenCommasBeforeVerb(string text, List<Word> words, int i)
    {
        if (i + 1 >= words.Count) return false;
        var before = text.AsSpan(0, words[i].Start).TrimEnd();
        var after = text.AsSpan(words[i].End, words[i + 1].Start - words[i].End).Trim();
        return before.EndsWith(",") && after is "," && NameVerbs.Contains(words[i + 1].Bare);
    }

    /// <summary>
    /// What a person does rather than what a thing is: "Okonkwo explained", "Will was amazing", "Anneka was so kind",
    /// but not "Sepsis was diagnosed" or "May was a busy month".
    /// </summary>
    private static bool FollowedByPersonVerb(string text, List<Word> words, int i)
    {
        if (!FollowedByVerb(text, words, i)) return false;
        var verb = words[i + 1].Lower;
        if (PersonVerbs.Contains(verb)) return true;
        if (verb is not ("was" or "is" or "were")) return false;
        var j = i + 2;
        if (j < words.Count && Intensifiers.Contains(words[j].Lower)) j++;
        return j < words.Count && PersonAdjectives.Contains(words[j].Lower);
    }

    private static bool IsShouting(string text)
    {
        int upper = 0, letters = 0;
        foreach (var c in text)
        {
            if (!char.IsLetter(c)) continue;
            letters++;
            if (char.IsUpper(c)) upper++;
        }
        return letters >= 12 && upper * 10 >= letters * 8;
    }

    private static bool EndsClause(string text, List<Word> words, int i)
    {
        var rest = text.AsSpan(words[i].End).TrimStart();
        return rest.IsEmpty || rest[0] is ',' or '.' or '!' or ';' or '-' or '(' || words[i].Length > words[i].Bare.Length;
    }

    private static bool FollowedByDigit(string text, Word w)
    {
        var rest = text.AsSpan(w.End).TrimStart();
        return rest.Length > 0 && char.IsAsciiDigit(rest[0]);
    }

    /// <summary>"Rose Ward", "Florence Nightingale Unit", "St Mary's", "Queen Elizabeth Hospital", "rose ward".</summary>
    private static bool IsPlace(string text, List<Word> words, int i)
    {
        if (i > 0 && PlacePrefixes.Contains(words[i - 1].Bare) && words[i].SpaceBefore) return true;
        for (var j = i + 1; j < words.Count && j <= i + 3; j++)
        {
            if (!words[j].SpaceBefore || words[j].SentenceStart) return false;
            var next = words[j].Bare;
            if (PlaceWords.Contains(next)) return true;
            if (!IsCapitalised(next) || CommonWords.Contains(next)) return false;
        }
        return false;
    }

    private static string Bare(string text, int start, int length)
    {
        if (length > 2 && text[start + length - 1] is 's' or 'S' && text[start + length - 2] is '\'' or '’') length -= 2;
        return text.Substring(start, length);
    }

    private static bool IsCapitalised(string word) => word.Length > 0 && char.IsUpper(word[0]);

    private static bool IsAllCaps(string word)
    {
        foreach (var c in word) if (char.IsLetter(c) && !char.IsUpper(c)) return false;
        return true;
    }

    private static bool IsGivenName(string word) => GivenNames.Contains(word);

    private static List<Word> Words(string text)
    {
        var words = new List<Word>();
        var i = 0;
        var sentenceStart = true;
        var spaceBefore = false;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsLetter(c))
            {
                var start = i;
                i++;
                while (i < text.Length && (char.IsLetter(text[i])
                    || text[i] is '\'' or '’' or '-' && i + 1 < text.Length && char.IsLetter(text[i + 1]))) i++;
                var bare = Bare(text, start, i - start).Replace('’', '\'');
                words.Add(new Word(start, i - start, sentenceStart, spaceBefore, bare, bare.ToLowerInvariant()));
                sentenceStart = false;
                spaceBefore = false;
                continue;
            }
            if (char.IsDigit(c)) sentenceStart = false;
            // A dot after a title or an initial does not end the sentence: "Dr. Patel", "J. Smith".
            if (c is '!' or '?' or '\n' || c == '.' && !AfterTitleOrInitial(text, words, i)) sentenceStart = true;
            // Only white space between two words lets a surname follow a given name.
            spaceBefore = char.IsWhiteSpace(c) && (spaceBefore || words.Count > 0 && words[^1].End == i);
            i++;
        }
        return words;
    }

    private static bool AfterTitleOrInitial(string text, List<Word> words, int dot)
    {
        if (words.Count == 0) return false;
        var last = words[^1];
        if (last.End != dot) return false;
        if (last.Length == 1 && char.IsUpper(text[last.Start])) return true;
        return StrongTitles.Contains(text.Substring(last.Start, last.Length)) || text.AsSpan(last.Start, last.Length) is "St" or "no" or "No";
    }
}
