using System.Globalization;
using System.Text;

namespace StudyBot.Conduct;

/// <summary>
/// Turns Vietnamese as people type it into comparable terms: lower case without tones (đ as d), Telex keys left
/// behind when the keyboard was off ("nois chuyeenj"), common abbreviations (BHXH, TTHC, ko, dc), and phrases that
/// mean the same thing (doanh nghiệp, đơn vị, công ty) folded into one concept, so word choice and order matter less.
/// </summary>
public static class VietnameseText
{
    // Internal so that tests/StudyBot.Bench can build a Lucene analysis chain from the same data, not a copy of it.
    internal static readonly Dictionary<string, string[]> Abbreviations = new()
    {
        ["bhxh"] = ["bao", "hiem", "xa", "hoi"], ["bhyt"] = ["bao", "hiem", "y", "te"], ["bhtn"] = ["bao", "hiem", "that", "nghiep"],
        ["cbvc"] = ["can", "bo", "vien", "chuc"], ["cbccvc"] = ["can", "bo", "vien", "chuc"], ["cbcc"] = ["can", "bo", "cong", "chuc"],
        ["tthc"] = ["thu", "tuc", "hanh", "chinh"], ["dn"] = ["doanh", "nghiep"], ["nld"] = ["nguoi", "lao", "dong"],
        ["sdld"] = ["su", "dung", "lao", "dong"], ["cq"] = ["co", "quan"], ["ntn"] = ["nhu", "the", "nao"],
        ["ko"] = ["khong"], ["k"] = ["khong"], ["kg"] = ["khong"], ["khg"] = ["khong"], ["hok"] = ["khong"], ["hong"] = ["khong"],
        ["dc"] = ["duoc"], ["j"] = ["gi"], ["vs"] = ["voi"], ["mk"] = ["minh"], ["bt"] = ["biet"], ["nq"] = ["nghi", "quyet"],
        ["4ro"] = ["4", "ro"], ["nq96"] = ["nghi", "quyet", "96"], ["qd76"] = ["quy", "dinh", "76"], ["qd"] = ["quy", "dinh"],
        ["ct05"] = ["chi", "thi", "05"], ["cb"] = ["can", "bo"], ["vc"] = ["vien", "chuc"], ["tw"] = ["trung", "uong"], ["cty"] = ["cong", "ty"], ["nv"] = ["nhan", "vien"], ["ng"] = ["nguoi"], ["nc"] = ["noi", "chuyen"], ["tn"] = ["the", "nao"], ["lm"] = ["lam"],
    };

    /// <summary>Phrases (already folded) and the concept they stand for; the longest match wins.</summary>
    internal static readonly (string[] Words, string Concept)[] Phrases = Build(new Dictionary<string, string[]>
    {
        ["@employer"] = ["doanh nghiep", "don vi su dung lao dong", "chu su dung lao dong", "su dung lao dong", "chu doanh nghiep",
            "cong ty", "don vi", "chu su dung", "nha may", "xi nghiep"],
        ["@debt"] = ["no dong", "cham dong", "tron dong", "thu no", "no bao hiem", "no tien", "chua dong", "no", "khong dong", "kho doi", "nop cham"],
        ["@talk"] = ["noi chuyen", "lam viec", "tiep xuc", "trao doi", "ung xu", "doi thoai", "noi", "xu ly", "thuyet phuc", "tiep can"],
        ["@receive"] = ["tiep cong dan", "tiep dan", "don tiep", "tiep nguoi dan", "tiep khach", "mot cua", "giao dich", "tiep"],
        ["@citizen"] = ["nguoi dan", "cong dan", "nguoi lao dong", "khach hang", "khach", "dan", "ba con", "nhan dan", "nguoi tham gia"],
        ["@gift"] = ["phong bi", "boi duong", "qua cap", "hoi lo", "nhan qua", "tang qua", "tien cam on", "lai qua", "bieu",
            "qua tang", "mon qua", "qua bieu", "goi qua", "bieu qua", "dui"],
        ["@feedback"] = ["gop y", "phan nan", "khieu nai", "phan anh", "y kien", "che trach", "khong hai long"],
        ["@4ro"] = ["4 ro", "bon ro"],
        ["@angry"] = ["tuc gian", "noi nong", "buc xuc", "gay gat", "to tieng", "lon tieng", "chui boi", "chui", "gian du", "cau gat", "noi cau", "hung hang", "quat thao", "quat", "cai nhau"],
        ["@explain"] = ["giai thich", "huong dan", "noi cho hieu", "lam cho hieu", "hieu ro", "de hieu", "khong hieu"],
        ["@file"] = ["ho so", "giay to", "thu tuc"],
        ["@late"] = ["tre hen", "qua han", "sap het han", "sap den han", "cham tra", "tre", "vuong mac", "vuong"],
        ["@comms"] = ["thong tin vien", "truyen thong", "tuyen truyen", "quang ba"],
        ["@code"] = ["quy tac ung xu", "chuan muc dao duc", "van hoa cong so", "dao duc cong vu", "quy tac"],
        ["@hours"] = ["gio lam viec hanh chinh", "gio hanh chinh", "gio lam viec", "di muon", "ve som", "gio giac"],
        ["@plan"] = ["ke hoach", "len ke hoach", "lap ke hoach"],
        ["@report"] = ["bao cao"],
        ["@homebound"] = ["khong den duoc", "khong the den", "tai bien", "benh nang", "om nang", "liet", "gia yeu", "tai nha", "tan nha",
            "khong di lai duoc", "khong di lai"],
        ["@pay"] = ["chi tra", "nhan tien", "linh tien", "tra tien", "nhan tro cap", "linh luong huu", "tro cap"],
        ["@danvankheo"] = ["dan van kheo"],
        ["@danvan"] = ["cong tac dan van", "lam dan van", "dan van"],
        ["@steps"] = ["cac buoc", "may buoc", "quy trinh", "trinh tu"],
        ["@progress"] = ["tien do", "muc do hoan thanh", "hoan thanh cong viec"],
        ["@integrity"] = ["can kiem liem chinh", "chi cong vo tu", "liem chinh", "vu loi", "tham nhung", "tieu cuc"],
        ["@lifestyle"] = ["loi song", "dao duc", "ren luyen"],
        ["@nq96"] = ["nghi quyet so 96", "nghi quyet 96", "96 nq bcs", "96 nq"],
        ["@transparent"] = ["cong khai", "minh bach"],
        ["@gooddeed"] = ["nguoi tot viec tot", "viec tot", "bieu duong", "khen thuong", "de cu"],
        ["@voluntary"] = ["tu nguyen"],
        ["@whodoes"] = ["ai phai", "ai lam", "nguoi nao phai", "ai co trach nhiem", "ai chiu trach nhiem", "ai phu trach", "viec cua ai"],
        ["@assign"] = ["phan cong", "phan nhiem", "giao viec"],
        ["@example"] = ["neu guong", "lam guong", "guong mau"],
        ["@criticism"] = ["tu phe binh", "phe binh", "kiem diem"],
        ["@democentral"] = ["tap trung dan chu"],
        ["@follow"] = ["hoc tap va lam theo", "hoc va lam theo", "lam theo bac", "hoc theo bac", "hoc tap theo bac", "hoc bac", "lam theo guong bac"],
        ["@newcomer"] = ["moi vao nganh", "moi vao lam", "moi vao co quan", "nhan vien moi", "vien chuc moi", "can bo moi", "moi tuyen dung", "moi di lam"],
        ["@leave"] = ["nghi phep", "xin nghi", "nghi om", "nghi viec rieng", "xin ve som"],
        ["@phone"] = ["dien thoai", "goi dien", "nghe may", "cuoc goi"],
        ["@uniform"] = ["dong phuc", "trang phuc", "the nganh", "the ten", "deo the", "ang ten"],
        ["@social"] = ["mang xa hoi", "facebook", "fb", "zalo", "tiktok", "fanpage", "dang bai", "dang story", "story", "dang anh", "dang len mang", "len mang"],
        ["@satisfied"] = ["muc do hai long", "hai long", "khao sat"],
        ["@union"] = ["doan thanh nien", "chi doan", "cong doan", "doan the", "doan vien"],
        ["@online"] = ["giao dich dien tu", "truc tuyen", "online", "dich vu cong", "chuyen doi so", "cong nghe thong tin"],
        ["@tthc"] = ["cai cach thu tuc hanh chinh", "thu tuc hanh chinh", "cai cach hanh chinh"],
        ["@decentral"] = ["phan cap", "phan quyen", "ca the hoa trach nhiem"],
        ["@authority"] = ["vuot tham quyen", "ngoai tham quyen", "tham quyen", "qua quyen", "khong du quyen"],
        ["@ontime"] = ["dung han", "dung hen", "kip thoi", "ngay hen", "han tra"],
    });

    internal static readonly HashSet<string> Stopwords =
    [
        "la", "gi", "the", "nao", "sao", "lam", "cua", "toi", "em", "anh", "chi", "minh", "co", "khong", "duoc", "cho", "voi", "thi", "va",
        "can", "phai", "nhu", "nay", "do", "mot", "cac", "nhung", "nhe", "a", "oi", "ha", "vay", "nhi", "ak", "ah", "o", "khi", "de", "ve",
        "trong", "tai", "hay", "hoac", "neu", "ma", "roi", "se", "da", "dang", "bi", "ra", "vao", "len", "xuong", "nguoi", "ai", "may",
        "bao", "hiem", "xa", "hoi", "nganh", "theo", "viec", "cach", "muon", "biet", "xin", "hoi", "giup", "voi", "nen",
        // How people talk in a chat, not what they ask about: forms of address, time of day, fillers.
        "ong", "ba", "bac", "chu", "cu", "tui", "ban", "ua", "nha", "nhen", "ne", "thoi", "luon", "sang", "chieu", "hom", "mai",
        "kieu", "gium", "dum", "cai",
    ];

    private static (string[] Words, string Concept)[] Build(Dictionary<string, string[]> concepts) =>
        concepts.SelectMany(c => c.Value.Select(p => (p.Split(' '), c.Key))).OrderByDescending(p => p.Item1.Length).ToArray();

    /// <summary>The terms of a text: concepts for known phrases, other content words folded.</summary>
    public static List<string> Terms(string text) => Analyse(text).Terms;

    /// <summary>
    /// The terms, and the pairs of content words that stand side by side ("giam doc", "phe binh"): Vietnamese words are
    /// mostly two syllables, and a pair tells "giám đốc" from a "đốc" met elsewhere.
    /// </summary>
    public static (List<string> Terms, List<string> Pairs) Analyse(string text)
    {
        var words = new List<string>();
        foreach (var raw in Tokens(Fold(text)))
        {
            var word = Telex(raw);
            if (Abbreviations.TryGetValue(word, out var expanded)) words.AddRange(expanded);
            else words.Add(word);
        }
        var terms = new List<string>();
        var pairs = new List<string>();
        string? previous = null;
        for (var i = 0; i < words.Count;)
        {
            var matched = false;
            foreach (var (phrase, concept) in Phrases)
            {
                if (i + phrase.Length > words.Count) continue;
                var same = true;
                for (var k = 0; k < phrase.Length && same; k++) same = words[i + k] == phrase[k];
                if (!same) continue;
                terms.Add(concept);
                i += phrase.Length;
                matched = true;
                break;
            }
            if (matched) { previous = null; continue; }
            if (Stopwords.Contains(words[i])) previous = null;
            else
            {
                terms.Add(words[i]);
                if (previous is not null) pairs.Add(previous + " " + words[i]);
                previous = words[i];
            }
            i++;
        }
        return (terms, pairs);
    }

    /// <summary>Lower case, no tones or marks, đ as d.</summary>
    public static string Fold(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            builder.Append(c switch { 'đ' or 'Đ' => 'd', _ => char.ToLowerInvariant(c) });
        }
        return builder.ToString();
    }

    /// <summary>The words of folded text: runs of letters and digits.</summary>
    internal static IEnumerable<string> Tokens(string folded)
    {
        var builder = new StringBuilder();
        foreach (var c in folded)
        {
            if (char.IsLetterOrDigit(c)) { builder.Append(c); continue; }
            if (builder.Length > 0) { yield return builder.ToString(); builder.Clear(); }
        }
        if (builder.Length > 0) yield return builder.ToString();
    }

    /// <summary>
    /// Undoes Telex typed with the Vietnamese keyboard off: a final tone key (s f r x j z; no Vietnamese syllable ends in
    /// them), doubled vowels and w for the hooked vowels, dd for đ. "chuyeenj" → "chuyen", "nguwowif" → "nguoi".
    /// </summary>
    public static string Telex(string word)
    {
        if (word.Length < 2 || !word.All(c => c is >= 'a' and <= 'z')) return word;
        if (Abbreviations.ContainsKey(word)) return word;
        if (word[^1] is 's' or 'f' or 'r' or 'x' or 'j' or 'z') word = word[..^1];
        if (!word.Any(c => c is 'w') && !word.Contains("aa") && !word.Contains("ee") && !word.Contains("oo") && !word.Contains("dd")) return word;
        return word.Replace("dd", "d").Replace("aa", "a").Replace("ee", "e").Replace("oo", "o")
            .Replace("uw", "u").Replace("ow", "o").Replace("aw", "a").Replace("w", "u");
    }
}
