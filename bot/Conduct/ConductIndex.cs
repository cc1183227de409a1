namespace StudyBot.Conduct;

/// <summary>
/// Something the bot can answer with: a knowledge-base entry, or a conduct scenario from the question bank. Citation
/// is the line a member reads; <paramref name="UnitRule"/> marks an answer that leaves the detail to the unit's rules.
/// </summary>
public sealed record KnowledgeItem(string Id, IReadOnlyList<string> Questions, string Answer, string Citation, IReadOnlyList<string> Tags,
    bool UnitRule = false);

/// <summary>A candidate answer: its BM25 score, and how much of what was asked it covers (0–1), which decides confidence.</summary>
public sealed record Match(KnowledgeItem Item, double Score, double Coverage);

/// <summary>
/// An in-memory BM25 index over the terms of each item's question variants and tags. Confidence is coverage: the share
/// of the question's information (idf-weighted terms, words the base has never seen weighing most) found in the best
/// item. A question about something the base does not cover leaves most of its weight unmatched, so it escalates
/// rather than guesses.
/// </summary>
public sealed class ConductIndex
{
    private const double K1 = 1.2;
    private const double B = 0.5;

    private readonly List<(KnowledgeItem Item, Dictionary<string, int> Terms, int Length)> _docs = [];
    private readonly Dictionary<string, List<int>> _postings = [];
    private readonly double _averageLength;

    public ConductIndex(IEnumerable<KnowledgeItem> items)
    {
        foreach (var item in items)
        {
            var terms = item.Questions.Concat(item.Tags).SelectMany(VietnameseText.Terms).ToList();
            var counts = terms.GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count());
            foreach (var term in counts.Keys)
            {
                if (!_postings.TryGetValue(term, out var list)) _postings[term] = list = [];
                list.Add(_docs.Count);
            }
            _docs.Add((item, counts, terms.Count));
        }
        _averageLength = _docs.Count == 0 ? 1 : _docs.Average(d => d.Length);
    }

    public int Count => _docs.Count;

    public KnowledgeItem? Find(string id) => _docs.Select(d => d.Item).FirstOrDefault(i => i.Id == id);

    private double Idf(string term) =>
        Math.Log(1 + (_docs.Count - Df(term) + 0.5) / (Df(term) + 0.5));

    private int Df(string term) => _postings.TryGetValue(term, out var list) ? list.Count : 0;

    public List<Match> Search(string question, int take = 3)
    {
        var query = VietnameseText.Terms(question).Distinct().ToList();
        if (query.Count == 0 || _docs.Count == 0) return [];
        var scores = new Dictionary<int, double>();
        foreach (var term in query)
        {
            if (!_postings.TryGetValue(term, out var docs)) continue;
            var idf = Idf(term);
            foreach (var d in docs)
            {
                var (_, terms, length) = _docs[d];
                var tf = terms[term];
                scores[d] = scores.GetValueOrDefault(d) + idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * length / _averageLength));
            }
        }
        var weights = query.ToDictionary(t => t, Idf);
        var total = weights.Values.Sum();
        return scores.OrderByDescending(s => s.Value).ThenBy(s => s.Key).Take(take).Select(s =>
        {
            var covered = weights.Where(w => _docs[s.Key].Terms.ContainsKey(w.Key)).Sum(w => w.Value);
            return new Match(_docs[s.Key].Item, s.Value, total == 0 ? 0 : covered / total);
        }).ToList();
    }
}
