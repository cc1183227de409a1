using System.Text.Json.Nodes;
using StudyBot.Conduct;
using StudyBot.Content;

namespace StudyBot.Tests.Conduct;

/// <summary>What a member reads under an answer names a work, its author and date; never an internal id or an editors' note.</summary>
public sealed class SourceLineTests
{
    private static readonly JsonObject Pack = JsonNode.Parse(ContentPacks.DefaultPackText())!.AsObject();

    private static IEnumerable<JsonObject> Entries() => Pack["conduct"]!["entries"]!.AsArray().OfType<JsonObject>();

    [Fact]
    public void Every_answer_names_its_source_readably_and_without_ids_or_editors_notes()
    {
        foreach (var item in KnowledgeItems.FromPack(Pack))
        {
            Assert.False(string.IsNullOrWhiteSpace(item.Citation), item.Id);
            Assert.DoesNotMatch(@"\b(seed-\d+|[ES]\d|kb-[a-z0-9-]+|th-\d+)\b", item.Citation);
            foreach (var note in new[] { "tóm tắt", "Nhiều nguồn", "nguồn thống nhất", "một nguồn ghi" })
                Assert.DoesNotContain(note, item.Citation, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void The_answer_on_debt_and_the_seed_scenarios_read_as_a_work_an_author_and_a_date()
    {
        var items = KnowledgeItems.FromPack(Pack).ToDictionary(i => i.Id);
        Assert.Equal("«Xây dựng hình ảnh người cán bộ gần dân», Hoàng Linh, 31/01/2018", items["kb-no-dong"].Citation);
        Assert.Equal("Hồ Chí Minh, «Dân vận», báo Sự thật số 120, 15/10/1949", items["kb-dan-van-la-gi"].Citation);
        // A scenario from the question bank cites a seed: the editors' "(tóm tắt)" is for quiz-takers, not here.
        Assert.Equal("Hoàng Linh, «Xây dựng hình ảnh người cán bộ gần dân», 31/01/2018", items["th-01"].Citation);
    }

    [Fact]
    public void Every_entry_rests_on_a_known_source_or_says_it_is_the_units_rule()
    {
        var known = Pack["quiz"]!["sources"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()).ToHashSet();
        Assert.True(Entries().Count() >= 80, $"{Entries().Count()} entries");
        foreach (var e in Entries())
        {
            var sources = (e["sources"] as JsonArray ?? []).Select(s => s!.GetValue<string>()).ToList();
            Assert.True(sources.Count > 0 || e["unitRule"]?.GetValue<bool>() == true, $"{e["id"]} has no source and is not a unit rule");
            Assert.All(sources, s => Assert.Contains(s, known));
        }
    }

    [Fact]
    public void Unit_rule_answers_say_so_and_the_seeds_gave_no_article_numbers()
    {
        var rules = Entries().Where(e => e["unitRule"]?.GetValue<bool>() == true).ToList();
        Assert.NotEmpty(rules);
        Assert.Contains(rules, e => e["id"]!.GetValue<string>() == "kb-quy-tac-chinh-thuc");
        // No entry invents the code's articles: "Điều 5", "khoản 2" appear in no answer.
        Assert.All(Entries(), e => Assert.DoesNotMatch(@"(?i)\b(điều|khoản)\s+\d", e["answer"]!.GetValue<string>()));
    }
}
