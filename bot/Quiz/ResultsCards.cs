using System.Globalization;
using System.Text.Json.Nodes;
using StudyBot.Cards;
using StudyBot.Resources;

namespace StudyBot.Quiz;

/// <summary>The secretary's results card: participation, average and distribution, the hardest questions, the top ten, who did not answer, and the CSV.</summary>
public static class ResultsCards
{
    private const int NamesShown = 40;

    public static AdaptiveCard Results(Texts t, RoundFacts r, RoundResults results, string csvUrl, TimeSpan linkLifetime)
    {
        var culture = CultureInfo.GetCultureInfo(t.Language == "vi" ? "vi-VN" : "en-GB");
        var total = results.Rows.Count;
        var took = results.Participants.ToList();
        var share = total == 0 ? 0 : (double)took.Count / total;
        var card = new AdaptiveCard()
            .Add(Element.Heading(t.Format("Results.Heading", CardText.User(r.Title, 200))))
            .Add(RoundCards.Facts(t, r))
            .Add(Element.Facts([
                (t["Results.Participation"], t.Format("Results.OfTotal", took.Count, total, share.ToString("P0", culture))),
                (t["Results.Average"], t.Format("Quiz.ScoreShort", results.AverageScore.ToString("0.0", culture), r.Count)),
            ]));

        if (took.Count > 0)
        {
            card.Add(Subheading(t["Results.Distribution"]));
            card.Add(Element.Facts(Enumerable.Range(0, r.Count + 1).Reverse()
                .Select(score => (Score: score, People: took.Count(p => p.Attempt!.Score == score)))
                .Where(x => x.People > 0)
                .Select(x => (t.Format("Quiz.ScoreShort", x.Score, r.Count), t.Format("Results.People", x.People)))));

            card.Add(Subheading(t["Results.Hardest"]));
            foreach (var q in results.Questions.Where(q => q.Answered > 0).OrderBy(q => q.Share).ThenBy(q => q.Item.Id).Take(3))
                card.Add(Element.Text(t.Format("Results.HardLine", q.Share.ToString("P0", culture), q.Right, q.Answered, CardText.User(q.Item.Prompt, 160))));

            card.Add(Subheading(t["Results.Top"]));
            card.Add(Element.Facts(results.Ranking.Take(10).Select((p, i) =>
                ($"{i + 1}. {CardText.User(p.Member.Name, 100)}", t.Format("Quiz.ScoreShort", p.Attempt!.Score, r.Count)))));
        }

        var absent = results.Rows.Where(p => !p.Took).Select(p => CardText.User(p.Member.Name, 100)).ToList();
        card.Add(Subheading(t.Format("Results.NotAnswered", absent.Count)));
        if (absent.Count > 0)
        {
            var names = string.Join(", ", absent.Take(NamesShown));
            if (absent.Count > NamesShown) names += t.Format("Results.AndMore", absent.Count - NamesShown);
            card.Add(Element.Text(names));
        }
        card.Add(Element.Text(t.Format("Results.LinkLifetime", (int)linkLifetime.TotalMinutes), subtle: true));
        return card
            .AddAction(CardAction.OpenUrl(t["Results.Download"], csvUrl))
            .AddAction(CardAction.Execute(t["Results.Refresh"], RoundManageCards.ResultsVerb, new JsonObject { ["roundId"] = r.Id.ToString() }));
    }

    private static JsonObject Subheading(string text) => new()
    {
        ["type"] = "TextBlock", ["text"] = text, ["weight"] = "Bolder", ["wrap"] = true, ["separator"] = true, ["spacing"] = "Medium",
    };
}
