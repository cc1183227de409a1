using System.Text;

namespace StudyBot.Tests.Members;

/// <summary>Member files shaped like a provincial agency's: departments, district offices and their cells.</summary>
public static class MemberFiles
{
    public const string Header = "upn,họ tên,email,aad_object_id,đơn vị,đảng viên,vai trò";

    public static string Agency(int people, int cells)
    {
        var text = new StringBuilder(Header).Append('\n');
        var family = new[] { "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi" };
        var given = new[] { "Văn An", "Thị Bình", "Minh Cường", "Thu Dung", "Quốc Huy", "Ngọc Lan", "Đức Long", "Thanh Hà" };
        for (var i = 0; i < people; i++)
        {
            var cell = i % cells;
            var office = cell < cells / 2 ? $"Phòng nghiệp vụ {cell + 1}" : $"BHXH huyện {cell + 1}";
            var unit = $"{office} > Chi bộ {cell + 1}";
            var roles = i < cells ? $"bí thư@Chi bộ {cell + 1}" : i == cells ? "lãnh đạo; quản trị" : "";
            text.Append($"nv{i:D4}@bhxh.example,\"{family[i % 8]} {given[i / 8 % 8]} {i}\",,,{unit},{(i % 3 == 0 ? "có" : "không")},{roles}\n");
        }
        return text.ToString();
    }
}
