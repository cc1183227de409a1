using StudyBot.Conduct;

namespace StudyBot.Tests.Conduct;

/// <summary>A question asking for a number is answered only by an entry that gives that kind of number.</summary>
public sealed class FigureAskedTests
{
    [Theory]
    [InlineData("Hồ sơ thai sản phải giải quyết trong mấy ngày?", "Thời hạn là 10 ngày làm việc kể từ khi nhận đủ hồ sơ.", true)]
    [InlineData("ho so thai san giai quyet trong may ngay", "Ở BHXH Quận 9, 13/13 đảng viên được nhận xét tốt.", false)]
    [InlineData("tỷ lệ hài lòng năm nay là bao nhiêu %", "Tỷ lệ không hài lòng luôn dưới 1% tại Quận 9.", true)]
    [InlineData("tỷ lệ hài lòng năm nay là bao nhiêu %", "Nâng tỷ lệ hài lòng bằng cung cách phục vụ.", false)]
    [InlineData("Quy định 76 điều mấy nói về nhận xét đảng viên?", "Theo Quy định 76-QĐ/TW, chi ủy nơi cư trú nhận xét.", false)]
    [InlineData("Quy định 76 điều mấy nói về nhận xét đảng viên?", "Điều 3 quy định trách nhiệm của chi ủy nơi cư trú.", true)]
    [InlineData("han nop phieu nhan xet la ngay nao", "Kết quả là 13/13 đảng viên được nhận xét tốt.", false)]
    [InlineData("han nop phieu nhan xet la ngay nao", "Hạn nộp là ngày 15 tháng 12.", true)]
    [InlineData("dv phai lien he chi uy noi cu tru bao nhieu lan trong nam", "Mỗi năm ít nhất hai lần.", true)]
    public void A_figure_question_needs_the_figure_with_the_thing_it_counts(string question, string answer, bool answers)
    {
        var wanted = FigureAsked.Wanted(question);
        Assert.NotNull(wanted);
        Assert.Equal(answers, FigureAsked.Gives(VietnameseText.Fold(answer), wanted));
    }

    [Theory]
    [InlineData("làm dân vận gồm mấy bước")]
    [InlineData("Có nên đọc nguyên văn điều luật cho NLĐ nghe khi tư vấn ko")]
    [InlineData("4 Rõ là gì?")]
    [InlineData("khi dân đến nộp hồ sơ thiếu giấy tờ thì làm gì")]
    public void Questions_that_ask_for_no_figure_are_left_alone(string question) => Assert.Null(FigureAsked.Wanted(question));

    [Fact]
    public void On_the_shipped_base_a_figure_the_base_does_not_hold_is_not_answered_with_confidence()
    {
        var index = RetrievalTests.ShippedIndex();
        foreach (var question in new[]
        {
            "Dân làm mất thẻ BHYT xin cấp lại thì sau mấy ngày làm việc phải trả thẻ?",
            "muc dong bhxh tu nguyen thap nhat la bao nhieu tien 1 thang",
            "CBVC được nhận quà của doanh nghiệp tối đa bao nhiêu tiền?",
        })
            Assert.True(index.Search(question)[0].Coverage < RetrievalTests.Threshold, question);
        // The same subjects asked without a figure are still answered.
        Assert.True(index.Search("nhận quà của doanh nghiệp có sao không")[0].Coverage >= 0.5);
    }
}
