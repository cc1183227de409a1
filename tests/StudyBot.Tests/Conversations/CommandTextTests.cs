using System.Text;
using StudyBot.Conversations;

namespace StudyBot.Tests.Conversations;

public sealed class CommandTextTests
{
    [Theory]
    [InlineData("Trợ giúp", "tro giup")]
    [InlineData("ĐỀ CỬ", "de cu")]
    [InlineData("Ngôn ngữ", "ngon ngu")]
    [InlineData("kiểm tra", "kiem tra")]
    public void Folding_drops_diacritics_and_case(string text, string folded) =>
        Assert.Equal(folded, CommandText.Fold(text));

    [Fact]
    public void Decomposed_input_from_some_keyboards_is_normalised_to_nfc()
    {
        var decomposed = "trợ giúp".Normalize(NormalizationForm.FormD);
        Assert.Equal("trợ giúp", CommandText.Normalize(decomposed));
        Assert.True(CommandText.Normalize(decomposed).IsNormalized(NormalizationForm.FormC));
    }

    [Theory]
    [InlineData("<at>StudyBot</at> help", "help")]
    [InlineData("  <at id=\"0\">Study Bot</at>\n\ntrợ   giúp ", "trợ giúp")]
    public void Mentions_and_extra_spaces_are_removed(string text, string normalized) =>
        Assert.Equal(normalized, CommandText.Normalize(text));

    [Fact]
    public void A_command_word_must_stand_alone_and_arguments_keep_their_spelling()
    {
        var table = new CommandTable([]);
        table.AddCommand("language", _ => Task.CompletedTask, "ngôn ngữ", "language");
        table.AddCommand("ask", _ => Task.CompletedTask, "hỏi", "ask");

        Assert.Equal("en", table.Match("Ngon ngu en")!.Value.Arguments);
        Assert.Equal("Cách tiếp dân?", table.Match("hỏi Cách tiếp dân?")!.Value.Arguments);
        Assert.Null(table.Match("hoixyz"));
        Assert.Null(table.Match("asking"));
    }

    [Fact]
    public void The_same_command_word_cannot_be_registered_twice()
    {
        var table = new CommandTable([]);
        table.AddCommand("a", _ => Task.CompletedTask, "nhắc");
        Assert.Throws<InvalidOperationException>(() => table.AddCommand("b", _ => Task.CompletedTask, "nhac"));
    }
}
