using StudyBot.Quiz;

namespace StudyBot.Tests.Quiz;

/// <summary>How answers are marked, for each kind of question.</summary>
public sealed class QuizItemTests
{
    private static readonly SourceSnapshot Source = new("E8", "excerpt", "Dân vận", "Lực lượng của dân rất to.", "Hồ Chí Minh");

    private static QuizItem Item(string kind, List<string> options, string answer, List<string>? accept = null) =>
        new("q", kind, "?", options, answer, accept ?? [], null, Source);

    private static Func<string, string?> Inputs(params (string Key, string Value)[] values) =>
        key => values.FirstOrDefault(v => v.Key == key).Value;

    [Fact]
    public void Single_choice_is_right_only_for_the_stored_index_and_refuses_a_choice_the_card_never_offered()
    {
        var item = Item("single", ["a", "b", "c"], "1");
        Assert.True(item.Mark(Inputs(("answer", "1"))).Correct);
        Assert.False(item.Mark(Inputs(("answer", "0"))).Correct);
        Assert.Equal("Quiz.ChooseOne", item.Mark(Inputs(("answer", "7"))).ErrorKey);
        Assert.Equal("Quiz.ChooseOne", item.Mark(Inputs(("answer", "-1"))).ErrorKey);
        Assert.Equal("Quiz.ChooseOne", item.Mark(Inputs()).ErrorKey);
    }

    [Fact]
    public void Fill_in_ignores_case_spacing_and_punctuation_but_not_tones()
    {
        var item = Item("fill", [], "thành công", ["thành công rồi"]);
        Assert.True(item.Mark(Inputs(("answer", "  Thành   Công. "))).Correct);
        Assert.True(item.Mark(Inputs(("answer", "thành công rồi"))).Correct);
        Assert.False(item.Mark(Inputs(("answer", "thanh cong"))).Correct);
        Assert.Equal("Quiz.TypeAnswer", item.Mark(Inputs(("answer", "   "))).ErrorKey);
    }

    [Fact]
    public void Order_needs_every_step_once_and_is_right_only_in_the_right_order()
    {
        var item = Item("order", ["một", "hai", "ba"], "");
        Assert.True(item.Mark(Inputs(("step1", "0"), ("step2", "1"), ("step3", "2"))).Correct);
        var wrong = item.Mark(Inputs(("step1", "1"), ("step2", "0"), ("step3", "2")));
        Assert.False(wrong.Correct);
        Assert.Equal("hai → một → ba", item.Describe(wrong.Response, Resources.Texts.Vietnamese));
        Assert.Equal("Quiz.StepTwice", item.Mark(Inputs(("step1", "0"), ("step2", "0"), ("step3", "2"))).ErrorKey);
        Assert.Equal("Quiz.FillEveryStep", item.Mark(Inputs(("step1", "0"), ("step2", "1"))).ErrorKey);
    }

    [Fact]
    public void True_false_reads_only_true_or_false()
    {
        var item = Item("truefalse", [], "false");
        Assert.True(item.Mark(Inputs(("answer", "false"))).Correct);
        Assert.False(item.Mark(Inputs(("answer", "true"))).Correct);
        Assert.Equal("Quiz.ChooseOne", item.Mark(Inputs(("answer", "maybe"))).ErrorKey);
        Assert.Equal("Sai", item.RightAnswer(Resources.Texts.Vietnamese));
    }
}
