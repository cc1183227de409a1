using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Shingle;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.Synonym;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using StudyBot.Conduct;

/// <summary>
/// The conduct retriever rebuilt on Lucene.Net, to measure against <see cref="ConductIndex"/>: the same contract (items
/// in, <see cref="Match"/>es out, Coverage meaning the idf-weighted share of the question's terms the entry holds), but
/// Lucene's analysis, BM25 and in-memory index instead of hand-written ones. The data (abbreviations, phrase concepts,
/// stopwords) is the hand-written tables', read from <see cref="VietnameseText"/>, so the comparison is of the
/// machinery, not of two vocabularies.
/// </summary>
public sealed class LuceneConductIndex : IDisposable
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private const string Field = "text";
    private const string ItemField = "item";

    // The hand-written index's parameters, so that differences come from analysis and not from tuning BM25.
    private static readonly BM25Similarity Similarity = new(1.2f, 0.5f);

    private readonly List<KnowledgeItem> _items;
    private readonly RAMDirectory _directory = new();
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;
    private readonly NumericDocValues _itemOf;

    public LuceneConductIndex(IEnumerable<KnowledgeItem> items)
    {
        _items = items.ToList();
        // Term vectors let Coverage ask "does this hit hold that term" of the hit alone, not of the whole postings.
        var text = new FieldType { IsIndexed = true, IsTokenized = true, IndexOptions = IndexOptions.DOCS_AND_FREQS, StoreTermVectors = true };
        text.Freeze();
        using (var writer = new IndexWriter(_directory, new IndexWriterConfig(Version, VietnameseAnalyzer.Instance)
               { Similarity = Similarity, OpenMode = OpenMode.CREATE }))
        {
            for (var i = 0; i < _items.Count; i++)
            {
                // The item's position goes with the document, since merges may renumber documents; as a doc value, not
                // a stored field, so a hit does not cost decompressing a block of stored documents.
                var doc = new Document { new NumericDocValuesField(ItemField, i) };
                foreach (var value in _items[i].Questions.Concat(_items[i].Tags)) doc.Add(new Field(Field, value, text));
                writer.AddDocument(doc);
            }
            writer.Commit();
        }
        _reader = DirectoryReader.Open(_directory);
        _searcher = new IndexSearcher(_reader) { Similarity = Similarity };
        _itemOf = MultiDocValues.GetNumericValues(_reader, ItemField);
    }

    public int Count => _items.Count;

    public List<Match> Search(string question, int take = 3)
    {
        var terms = VietnameseAnalyzer.Terms(question).Distinct().ToList();
        if (terms.Count == 0 || _items.Count == 0) return [];
        var query = new BooleanQuery();
        foreach (var term in terms) query.Add(new TermQuery(new Term(Field, term)), Occur.SHOULD);
        var hits = _searcher.Search(query, take).ScoreDocs;
        if (hits.Length == 0) return [];

        var weights = terms.Select(t => (Term: t, Shingle: t.Contains(' '), Df: _reader.DocFreq(new Term(Field, t)))).ToList();
        return hits.Select(hit =>
        {
            var held = Held(hit.Doc, weights.Select(w => w.Term));
            // Coverage is over syllables and concepts, as in ConductIndex; bigrams rank but do not count. A bigram
            // re-counts two syllables: counting the ones the hit holds would count matched words twice, and counting
            // unseen ones (a paraphrase's new word order) would sink every paraphrase. An unseen term is the
            // question's own information the base lacks, and weighs most (df 0), so out-of-scope questions stay unsure.
            var (covered, total) = (0.0, 0.0);
            foreach (var w in weights)
            {
                if (w.Shingle) continue;
                var idf = Idf(w.Df);
                total += idf;
                if (held.Contains(w.Term)) covered += idf;
            }
            var item = _items[(int)_itemOf.Get(hit.Doc)];
            return new Match(item, hit.Score, total == 0 ? 0 : covered / total);
        }).ToList();
    }

    /// <summary>Lucene's own BM25 idf, so that a term's weight in Coverage is its weight in the score.</summary>
    private double Idf(int df) => Math.Log(1 + (_reader.NumDocs - df + 0.5) / (df + 0.5));

    private HashSet<string> Held(int doc, IEnumerable<string> terms)
    {
        var held = new HashSet<string>();
        var vector = _reader.GetTermVector(doc, Field);
        if (vector is null) return held;
        var e = vector.GetEnumerator();
        foreach (var term in terms)
            if (e.SeekExact(new BytesRef(term))) held.Add(term);
        return held;
    }

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
    }
}

/// <summary>
/// StandardTokenizer → LowerCaseFilter → ASCIIFoldingFilter (tones off, đ → d) → <see cref="TelexFilter"/> →
/// SynonymFilter (abbreviations) → SynonymFilter (phrases → concepts) → StopFilter → <see cref="CloseGapsFilter"/> →
/// ShingleFilter (syllable bigrams beside the syllables).
/// </summary>
internal sealed class VietnameseAnalyzer : Analyzer
{
    public static readonly VietnameseAnalyzer Instance = new();

    private static readonly (SynonymMap Abbreviations, SynonymMap Phrases, CharArraySet Stopwords) Tables = BuildTables();

    /// <summary>
    /// Composed form first: ASCIIFoldingFilter maps precomposed letters (ợ, đ) but keeps combining marks, which a
    /// decomposed input (some phones and Macs send NFD) would leave inside the word. Lucene has no NFC filter short of
    /// ICU, and a question or an entry is a few hundred characters, so reading it whole costs nothing.
    /// </summary>
    protected override TextReader InitReader(string fieldName, TextReader reader) =>
        new StringReader(reader.ReadToEnd().Normalize(NormalizationForm.FormC));

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var source = new StandardTokenizer(LuceneVersion.LUCENE_48, reader);
        TokenStream stream = new LowerCaseFilter(LuceneVersion.LUCENE_48, source);
        stream = new ASCIIFoldingFilter(stream);
        stream = new TelexFilter(stream);
        // Two passes, each mapping a run of tokens to at most as many: Lucene 4's SynonymFilter lays the extra tokens
        // of a longer output over the words that follow (bhxh → "bao hiem xa hoi" would stack "hiem" on the next
        // word), which breaks phrase matching and shingles after it. See BuildTables for how that is avoided.
        stream = new SynonymFilter(stream, Tables.Abbreviations, ignoreCase: true);
        stream = new SynonymFilter(stream, Tables.Phrases, ignoreCase: true);
        stream = new StopFilter(LuceneVersion.LUCENE_48, stream, Tables.Stopwords);
        stream = new CloseGapsFilter(stream);
        var shingles = new ShingleFilter(stream, 2, 2);
        shingles.SetOutputUnigrams(true);
        return new TokenStreamComponents(source, shingles);
    }

    /// <summary>The analyzed terms of a text, syllables, concepts and bigrams alike.</summary>
    public static List<string> Terms(string text)
    {
        var terms = new List<string>();
        using var stream = Instance.GetTokenStream("text", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken()) terms.Add(term.ToString());
        stream.End();
        return terms;
    }

    /// <summary>
    /// The hand-written tables as Lucene synonym maps, turned so that no rule outputs more tokens than it reads:
    /// an abbreviation with a longer expansion does not expand; instead both it and its expansion become one token,
    /// the concept when the expansion is one of the phrase concepts (dn, doanh nghiệp → @employer), or else the
    /// abbreviation itself (bhtn, bảo hiểm thất nghiệp → bhtn). Chat shorthand with a one-word expansion (ko → khong)
    /// maps one to one. A contraction whose words are all stopwords (bhxh, ntn) is a stopword itself.
    /// </summary>
    private static (SynonymMap, SynonymMap, CharArraySet) BuildTables()
    {
        var conceptOf = new Dictionary<string, string>();
        foreach (var (words, concept) in VietnameseText.Phrases) conceptOf.TryAdd(string.Join(' ', words), concept);

        var abbreviations = new SynonymMap.Builder(dedup: true);
        var phrases = new SynonymMap.Builder(dedup: true);
        var stopwords = new HashSet<string>(VietnameseText.Stopwords);
        var contracted = new Dictionary<string, string>(); // multi-word expansion → the one token it becomes
        foreach (var (abbreviation, expansion) in VietnameseText.Abbreviations)
        {
            if (expansion.Length == 1) { Add(abbreviations, [abbreviation], expansion[0]); continue; }
            var phrase = string.Join(' ', expansion);
            if (!contracted.TryGetValue(phrase, out var token))
            {
                // The first abbreviation of an expansion names it (cbvc and cbccvc are one token).
                token = conceptOf.GetValueOrDefault(phrase, abbreviation);
                contracted[phrase] = token;
                if (!token.StartsWith('@')) Add(phrases, expansion, token);
                if (expansion.All(stopwords.Contains)) stopwords.Add(token);
            }
            if (token != abbreviation) Add(abbreviations, [abbreviation], token);
        }
        foreach (var (words, concept) in VietnameseText.Phrases)
        {
            Add(phrases, words, concept);
            // "chủ DN" reaches this pass as "chu @employer": a phrase holding an expansion also matches with the
            // expansion already contracted, as the hand-written code (which expands first) matches both.
            var text = string.Join(' ', words);
            foreach (var (expansion, token) in contracted)
                if (text != expansion && $" {text} ".Contains($" {expansion} "))
                    Add(phrases, $" {text} ".Replace($" {expansion} ", $" {token} ").Trim().Split(' '), concept);
        }
        return (abbreviations.Build(), phrases.Build(), new CharArraySet(LuceneVersion.LUCENE_48, stopwords, ignoreCase: true));
    }

    private static void Add(SynonymMap.Builder builder, string[] input, string output) =>
        builder.Add(SynonymMap.Builder.Join(input, new CharsRef()), new CharsRef(output), includeOrig: false);
}

/// <summary>
/// Undoes Telex left in by a keyboard switched off ("nois chuyeenj" → "noi chuyen"). Lucene has no such filter, so
/// this one applies the hand-written <see cref="VietnameseText.Telex"/> to each folded token; it has to run before the
/// synonym maps, whose inputs are plain syllables.
/// </summary>
internal sealed class TelexFilter(TokenStream input) : TokenFilter(input)
{
    private readonly ICharTermAttribute _term = input.AddAttribute<ICharTermAttribute>();

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken()) return false;
        var word = _term.ToString();
        var plain = VietnameseText.Telex(word);
        if (plain != word) _term.SetEmpty().Append(plain);
        return true;
    }
}

/// <summary>
/// Closes the holes StopFilter leaves, so bigrams join the content syllables on either side of a function word
/// ("nhận được tiền" → "nhan tien"), not a syllable and ShingleFilter's "_" filler.
/// </summary>
internal sealed class CloseGapsFilter(TokenStream input) : TokenFilter(input)
{
    private readonly IPositionIncrementAttribute _increment = input.AddAttribute<IPositionIncrementAttribute>();

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken()) return false;
        if (_increment.PositionIncrement > 1) _increment.PositionIncrement = 1;
        return true;
    }

    // StopFilter reports stopwords at the very end as a final increment, which ShingleFilter would turn into "x _".
    public override void End()
    {
        base.End();
        _increment.PositionIncrement = 0;
    }
}
