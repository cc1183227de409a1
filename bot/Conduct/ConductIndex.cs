namespace StudyBot.Conduct;

/// <summary>
/// Something the bot can answer with: a knowledge-base entry, or a conduct scenario from the question bank. Citation
/// is the line a member reads; <paramref name="UnitRule"/> marks an answer that leaves the detail to the unit's rules.
/// </summary>
public sealed record KnowledgeItem(string Id, IReadOnlyList<string> Questions, string Answer, string Citation, IReadOnlyList<string> Tags,
    bool UnitRule = false);

/// <summary>A candidate answer: its ranking score, and how sure the bot is that it answers what was asked (0–1).</summary>
public sealed record Match(KnowledgeItem Item, double Score, double Coverage);

/// <summary>
/// An in-memory index over each item's question variants and tags. Two measures decide, each idf-weighted (words the
/// base has never seen weigh most, so a question about something else stays unsure):
/// - coverage: the share of the question found anywhere in the item;
/// - closeness: how alike the question and the item's nearest variant are, both ways (Dice), so that "4 Rõ là gì"
///   goes to the entry that asks exactly that rather than to one that merely mentions 4 Rõ.
/// BM25 picks the candidates; these measures, with the candidates' leads over one another, go to
/// <see cref="ConductModel"/>, whose estimate ranks them and is the confidence. A word the base does not know but is one
/// typing slip from a word it does know is read as that word.
/// </summary>
public sealed class ConductIndex
{
    private const double K1 = 1.2;
    private const double B = 0.5;
    private const int Candidates = 24;

    private sealed record Doc(KnowledgeItem Item, Dictionary<string, int> Terms, int Length, List<HashSet<string>> Variants,
        HashSet<string> AnswerTerms, string FoldedAnswer);

    /// <summary>
    /// Members ask in the answer's words as often as in the question's ("có nên đem luật ra dọa" under "đừng chỉ đem luật
    /// ra nói"): a word only the answer holds counts, but for less than one the entry's questions hold.
    /// </summary>
    private const double AnswerRank = 0.3;
    private const double AnswerCover = 0.5;

    private readonly List<Doc> _docs = [];
    private readonly Dictionary<string, List<int>> _postings = [];
    private readonly Dictionary<string, List<int>> _answerPostings = [];
    private readonly Dictionary<string, int> _pairDf = [];
    private readonly double _averageLength;

    public ConductIndex(IEnumerable<KnowledgeItem> items)
    {
        foreach (var item in items)
        {
            var variants = item.Questions.Select(q => VietnameseText.Analyse(q)).Select(a => a.Terms.Concat(a.Pairs).ToHashSet())
                .Where(v => v.Count > 0).ToList();
            var terms = item.Questions.Concat(item.Tags).SelectMany(VietnameseText.Terms).ToList();
            var counts = terms.GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count());
            foreach (var term in counts.Keys)
            {
                if (!_postings.TryGetValue(term, out var list)) _postings[term] = list = [];
                list.Add(_docs.Count);
            }
            var answer = VietnameseText.Terms(item.Answer).Where(t => !counts.ContainsKey(t)).ToHashSet();
            foreach (var term in answer)
            {
                if (!_answerPostings.TryGetValue(term, out var list)) _answerPostings[term] = list = [];
                list.Add(_docs.Count);
            }
            _docs.Add(new Doc(item, counts, terms.Count, variants, answer, VietnameseText.Fold(item.Answer)));
        }
        _averageLength = _docs.Count == 0 ? 1 : _docs.Average(d => d.Length);
        foreach (var doc in _docs)
            foreach (var pair in doc.Variants.SelectMany(v => v).Where(t => t.Contains(' ')).Distinct())
                _pairDf[pair] = _pairDf.GetValueOrDefault(pair) + 1;
    }

    public int Count => _docs.Count;

    public KnowledgeItem? Find(string id) => _docs.Select(d => d.Item).FirstOrDefault(i => i.Id == id);

    private double Idf(string term) =>
        Math.Log(1 + (_docs.Count - Df(term) + 0.5) / (Df(term) + 0.5));

    private int Df(string term) => term.Contains(' ') ? _pairDf.GetValueOrDefault(term) : _postings.TryGetValue(term, out var list) ? list.Count : 0;

    /// <summary>
    /// Each candidate's confidence is the model's estimate that it is the entry asked about; candidates are ranked
    /// by it too, so the ranking and the decision to answer never disagree.
    /// </summary>
    public List<Match> Search(string question, int take = 3) => Weigh(question)
        .Select(c => new Match(c.Item, c.Score, ConductModel.Confidence(c.Evidence)))
        .OrderByDescending(m => m.Coverage).ThenByDescending(m => m.Score).Take(take).ToList();

    /// <summary>Every candidate with what speaks for it; the model (and its fitting in the bench) read this.</summary>
    internal List<(KnowledgeItem Item, double Score, Evidence Evidence)> Weigh(string question)
    {
        var analysed = VietnameseText.Analyse(question);
        var query = analysed.Terms.Select(Known).Distinct().ToList();
        // Pairs the base has never seen are new wording, not new meaning: they add nothing rather than count against.
        var pairs = analysed.Pairs.Where(_pairDf.ContainsKey).Distinct().ToDictionary(p => p, Idf);
        if (query.Count == 0 || _docs.Count == 0) return [];
        var bm25 = new Dictionary<int, double>();
        foreach (var term in query)
        {
            if (!_postings.TryGetValue(term, out var docs)) continue;
            var idf = Idf(term);
            foreach (var d in docs)
            {
                var doc = _docs[d];
                var tf = doc.Terms[term];
                bm25[d] = bm25.GetValueOrDefault(d) + idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * doc.Length / _averageLength));
            }
        }
        foreach (var term in query)
        {
            if (!_answerPostings.TryGetValue(term, out var docs)) continue;
            var idf = Idf(term) * AnswerRank;
            foreach (var d in docs) bm25[d] = bm25.GetValueOrDefault(d) + idf;
        }
        var weights = query.ToDictionary(t => t, Idf);
        var total = weights.Values.Sum();
        var withPairs = total + pairs.Values.Sum();
        if (total == 0) return [];
        var unknown = weights.Where(w => Df(w.Key) == 0 && !_answerPostings.ContainsKey(w.Key)).Sum(w => w.Value) / total;
        var strongest = query.Sum(t => Idf(t) * (K1 + 1));
        var raw = bm25.OrderByDescending(s => s.Value).ThenBy(s => s.Key).Take(Candidates).Select(s =>
            {
                var doc = _docs[s.Key];
                var coverage = weights.Sum(w => doc.Terms.ContainsKey(w.Key) ? w.Value : doc.AnswerTerms.Contains(w.Key) ? w.Value * AnswerCover : 0) / total;
                var alike = doc.Variants.Select(v => Dice(weights, pairs, withPairs, v)).OrderDescending().ToList();
                var closeness = alike.Count == 0 ? 0 : alike[0];
                // Several phrasings near the question agree that it belongs here; one near phrasing may be a fluke.
                var second = alike.Count < 2 ? 0 : alike[1];
                var asked = weights.Sum(w => doc.Terms.ContainsKey(w.Key) ? w.Value : 0) / total;
                // The weightiest word of the question that the entry lacks: one missing key word means another subject.
                var missing = weights.Where(w => !doc.Terms.ContainsKey(w.Key) && !doc.AnswerTerms.Contains(w.Key)).Select(w => w.Value).DefaultIfEmpty(0).Max();
                return (Doc: doc, Bm25: s.Value, Coverage: coverage, Closeness: closeness, Missing: missing / weights.Values.Max(), Second: second, Asked: asked);
            }).ToList();
        var top = raw.Count == 0 ? 1 : raw[0].Bm25;
        var length = Math.Min(1, query.Count / 10.0);
        var figure = FigureAsked.Wanted(question);
        return raw.Select((c, i) =>
            {
                // Each candidate is weighed against the best of the others: a lead is evidence, a tie is doubt.
                var others = raw.Where((_, j) => j != i).ToList();
                var evidence = new Evidence(c.Coverage, c.Closeness,
                    c.Coverage - (others.Count == 0 ? 0 : others.Max(o => o.Coverage)),
                    c.Closeness - (others.Count == 0 ? 0 : others.Max(o => o.Closeness)),
                    c.Bm25 / top, Math.Min(1, c.Bm25 / strongest), unknown, length, c.Missing, c.Second, c.Asked,
                    figure is not null && !FigureAsked.Gives(c.Doc.FoldedAnswer, figure) ? 1 : 0);
                return (c.Doc.Item, c.Bm25, evidence);
            }).ToList();
    }

    /// <summary>2·|Q∩V| / (|Q| + |V|) over terms and side-by-side pairs, each weighed by its idf.</summary>
    private double Dice(Dictionary<string, double> query, Dictionary<string, double> pairs, double queryWeight, HashSet<string> variant)
    {
        var shared = 0.0;
        var variantWeight = 0.0;
        foreach (var term in variant)
        {
            var w = Idf(term);
            variantWeight += w;
            if (query.ContainsKey(term) || pairs.ContainsKey(term)) shared += w;
        }
        return 2 * shared / (queryWeight + variantWeight);
    }

    /// <summary>
    /// The term itself when the base knows it; else the one known word a single slip away (a letter missing, extra,
    /// changed or two swapped), if exactly one is; else the term, unknown.
    /// </summary>
    private string Known(string term)
    {
        if (term.Length < 4 || term.StartsWith('@') || _postings.ContainsKey(term)) return term;
        string? found = null;
        foreach (var word in _postings.Keys)
        {
            if (Math.Abs(word.Length - term.Length) > 1 || word.StartsWith('@') || !OneSlip(term, word)) continue;
            if (found is not null) return term;
            found = word;
        }
        return found ?? term;
    }

    private static bool OneSlip(string a, string b)
    {
        if (a.Length == b.Length)
        {
            var diff = new List<int>();
            for (var i = 0; i < a.Length && diff.Count <= 2; i++) if (a[i] != b[i]) diff.Add(i);
            return diff.Count == 1 || (diff.Count == 2 && diff[1] == diff[0] + 1 && a[diff[0]] == b[diff[1]] && a[diff[1]] == b[diff[0]]);
        }
        var (longer, shorter) = a.Length > b.Length ? (a, b) : (b, a);
        var k = 0;
        while (k < shorter.Length && shorter[k] == longer[k]) k++;
        return string.CompareOrdinal(shorter, k, longer, k + 1, shorter.Length - k) == 0;
    }
}
