using StudyBot.Agency;
using StudyBot.Members.Import;
using StudyBot.Resources;

namespace StudyBot.Tests.Members;

public sealed class MemberCsvTests
{
    private static (List<MemberRow> Rows, List<ImportError> Errors) Parse(string text) =>
        MemberCsv.Parse(new StringReader(text), Texts.Vietnamese);

    [Fact]
    public void Quoted_fields_with_commas_quotes_and_line_breaks_keep_their_line_numbers()
    {
        var (rows, errors) = Parse("upn,ho_ten,don_vi\n\"a@x.vn\",\"Nguyễn, \"\"An\"\"\",Chi bộ 1\nb@x.vn,\"Trần\nBình\",Chi bộ 2\nc@x.vn,Lê Cường,Chi bộ 3\n");
        Assert.Empty(errors);
        Assert.Equal("Nguyễn, \"An\"", rows[0].Name);
        Assert.Equal("Trần\nBình", rows[1].Name);
        Assert.Equal([2, 3, 5], rows.Select(r => r.Line));
    }

    [Theory]
    [InlineData("\uFEFFupn;ho_ten;don_vi\r\na@x.vn;An;Chi bộ 1\r\n")]
    [InlineData("UPN\tHọ tên\tĐơn vị\na@x.vn\tAn\tChi bộ 1\n")]
    [InlineData("upn,name,units\nA@X.VN,An,Chi bộ 1")]
    public void Excel_semicolons_tabs_a_byte_order_mark_and_english_headers_are_read(string text)
    {
        var (rows, errors) = Parse(text);
        Assert.Empty(errors);
        var row = Assert.Single(rows);
        Assert.Equal("a@x.vn", row.Upn);
        Assert.Equal(["Chi bộ 1"], row.Units);
    }

    [Fact]
    public void Unit_paths_and_scoped_roles_are_understood()
    {
        var (rows, _) = Parse("upn,ho_ten,don_vi,dang_vien,vai_tro\na@x.vn,An,Phòng A > Chi bộ A; Ban Giám đốc,x,Bí thư@Chi bộ A; lanh dao\n");
        var row = Assert.Single(rows);
        Assert.True(row.IsPartyMember);
        Assert.Equal([["Phòng A", "Chi bộ A"], ["Ban Giám đốc"]], row.UnitPaths.Select(p => p.ToArray()));
        Assert.Equal([(Role.Secretary, "Chi bộ A"), (Role.Leader, (string?)null)], row.Roles);
    }

    [Fact]
    public void Every_bad_line_is_reported_and_no_row_is_returned()
    {
        var (rows, errors) = Parse("""
            upn,ho_ten,don_vi,dang_vien,vai_tro,aad_object_id
            ok@x.vn,An,Chi bộ 1,có,,
            not-an-address,Bình,Chi bộ 1,có,,
            ok@x.vn,Cường,Chi bộ 1,có,,
            d@x.vn,,Chi bộ 1,có lẽ,bí thư,
            e@x.vn,Hà,Chi bộ 1,không,phó chủ tịch,123
            """);
        Assert.Empty(rows);
        Assert.Equal([3, 4, 5, 5, 5, 6, 6], errors.Select(e => e.Line));
        Assert.Contains(errors, e => e.Line == 4 && e.Message == "UPN «ok@x.vn» đã có ở dòng 2.");
        Assert.Contains(errors, e => e.Line == 6 && e.Message == "Mã AAD «123» phải có dạng GUID.");
    }

    [Theory]
    [InlineData("", "Tệp không có dòng dữ liệu nào.")]
    [InlineData("upn,ho_ten\n", "Tệp không có dòng dữ liệu nào.")]
    [InlineData("email,ho_ten\na@x.vn,An\n", "Thiếu cột «upn».")]
    [InlineData("upn,ho_ten,chuc_vu\na@x.vn,An,x\n", "Cột «chuc_vu» không có trong mẫu.")]
    public void A_file_without_its_columns_says_what_is_missing(string text, string message)
    {
        var (_, errors) = Parse(text);
        Assert.StartsWith(message, Assert.Single(errors).Message);
    }

    [Fact]
    public void A_large_agency_file_parses()
    {
        var (rows, errors) = Parse(MemberFiles.Agency(2000, 40));
        Assert.Empty(errors);
        Assert.Equal(2000, rows.Count);
    }
}
