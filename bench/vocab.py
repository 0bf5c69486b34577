"""Words the generated data set is made of: plausible titles, summaries, people and units.

Written for the data set, in the register units use when they register an initiative; the
combinations give some hundreds of thousands of distinct titles, so search and ranking have
realistic work to do.
"""

# Topics of collective initiatives (mô hình), by field code.
TOPICS: dict[str, list[str]] = {
    "economy": [
        "Hiến đất mở rộng đường giao thông nông thôn",
        "Tổ hợp tác trồng cây ăn quả theo hướng hữu cơ",
        "Chuyển đổi cây trồng trên đất lúa kém hiệu quả",
        "Hỗ trợ hộ nghèo phát triển sinh kế bền vững",
        "Xây dựng sản phẩm OCOP từ nông sản địa phương",
        "Cánh đồng lớn liên kết tiêu thụ nông sản",
        "Bán nông sản trên sàn thương mại điện tử",
        "Quỹ tín dụng xoay vòng giúp phụ nữ làm kinh tế",
        "Nuôi bò sinh sản giúp hộ cận nghèo",
        "Thắp sáng đường quê bằng đèn năng lượng mặt trời",
        "Tổ liên kết nuôi tôm an toàn sinh học",
        "Vườn mẫu, vườn chuẩn nông thôn mới",
        "Chợ phiên nông sản sạch cuối tuần",
        "Du lịch cộng đồng gắn với bảo tồn làng nghề",
        "Ngân hàng bò giúp đồng bào dân tộc thiểu số",
        "Kiên cố hóa kênh mương nội đồng",
        "Dồn điền đổi thửa, tích tụ ruộng đất",
        "Trồng rừng gỗ lớn gắn với chứng chỉ rừng bền vững",
    ],
    "culture_society": [
        "Tuyến đường hoa, hàng cây xanh",
        "Khu dân cư văn hóa kiểu mẫu",
        "Tủ sách cộng đồng cho thiếu nhi",
        "Bữa cơm nghĩa tình cho bệnh nhân nghèo",
        "Mái ấm tình thương cho hộ khó khăn về nhà ở",
        "Phân loại rác thải sinh hoạt tại nguồn",
        "Câu lạc bộ dưỡng sinh người cao tuổi",
        "Lớp học tình thương cho trẻ em có hoàn cảnh khó khăn",
        "Ngày chủ nhật xanh - sạch - đẹp",
        "Dòng kênh không rác thải",
        "Tiếp sức học sinh nghèo đến trường",
        "Gia đình không bạo lực, trẻ em được bảo vệ",
        "Bảo tồn dân ca, dân vũ truyền thống",
        "Nước sạch cho đồng bào vùng cao",
        "Phụ nữ tiết kiệm nuôi heo đất giúp nhau",
        "Áo ấm cho em vùng cao",
        "Ống tre tiết kiệm vì người nghèo",
        "Khám bệnh, cấp thuốc miễn phí cho người có công",
    ],
    "defence_security": [
        "Camera an ninh giữ bình yên thôn xóm",
        "Tổ tự quản an ninh trật tự ở khu dân cư",
        "Khu dân cư không có tội phạm và tệ nạn xã hội",
        "Tổ hòa giải ở cơ sở hòa giải thành",
        "Dân quân giúp dân thu hoạch mùa màng",
        "Bến đò an toàn, chuyến đò nhân ái",
        "Tuyến phố an toàn giao thông",
        "Phòng cháy, chữa cháy liên gia",
        "Ngôi nhà an toàn phòng chống cháy nổ",
        "Xã, phường không có ma túy",
        "Tiếng kẻng an ninh",
        "Cụm loa an ninh trật tự",
        "Tổ liên gia an toàn phòng cháy chữa cháy",
        "Đồn biên phòng nâng bước em tới trường",
        "Thanh niên xung kích bảo vệ an ninh tổ quốc",
    ],
    "political_system": [
        "Chi bộ bốn tốt, đảng viên gương mẫu",
        "Chính quyền thân thiện, vì nhân dân phục vụ",
        "Bộ phận một cửa niềm nở, tận tình",
        "Đối thoại trực tiếp giữa người đứng đầu với nhân dân",
        "Chuyển đổi số trong giải quyết thủ tục hành chính",
        "Đảng viên nhận đỡ đầu hộ khó khăn",
        "Mỗi đảng viên một việc làm vì dân",
        "Ngày thứ bảy lắng nghe ý kiến nhân dân",
        "Nhóm Zalo kết nối chính quyền với người dân",
        "Dân vận chính quyền trong giải phóng mặt bằng",
        "Cán bộ bám địa bàn, sát dân, hiểu dân",
        "Tiếp nhận phản ánh của người dân qua mã QR",
        "Sinh hoạt chi bộ có chuyên đề dân vận",
        "Hòa giải khiếu nại từ cơ sở",
        "Tổ công nghệ số cộng đồng",
    ],
}

# Deeds of individuals (điển hình), by field code.
DEEDS: dict[str, list[str]] = {
    "economy": [
        "vận động nhân dân hiến đất làm đường",
        "đi đầu chuyển đổi cây trồng, giúp bà con làm giàu",
        "giúp nhiều hộ nghèo vay vốn thoát nghèo",
        "xây dựng hợp tác xã liên kết tiêu thụ nông sản",
    ],
    "culture_society": [
        "tận tụy chăm lo người già neo đơn",
        "mở lớp học miễn phí cho trẻ em nghèo",
        "vận động xây nhà tình nghĩa",
        "gìn giữ và truyền dạy làn điệu dân ca",
    ],
    "defence_security": [
        "hòa giải thành nhiều vụ việc ở cơ sở",
        "giữ gìn an ninh trật tự thôn xóm",
        "vận động thanh niên tránh xa ma túy",
        "tham gia cứu nạn trong mưa lũ",
    ],
    "political_system": [
        "tận tụy phục vụ nhân dân",
        "lắng nghe và giải quyết kịp thời ý kiến của dân",
        "đi đầu chuyển đổi số ở cơ sở",
        "nói đi đôi với làm, được nhân dân tin yêu",
    ],
}

TITLE_FORMS = [
    "{topic}",
    "Mô hình “{topic}”",
    "Mô hình “Dân vận khéo” {topic_lower}",
    "{topic} ở {place}",
    "{topic} gắn với xây dựng nông thôn mới",
]

SUMMARY_FORMS = [
    "Vận động {households} hộ dân cùng tham gia; sau {months} tháng {result}.",
    "Cấp ủy, chính quyền và Mặt trận cùng bàn, cùng làm với dân; {result}, được nhân dân đồng tình.",
    "Bắt đầu từ ý kiến của người dân, cách làm được bàn công khai; {result} với {households} hộ hưởng lợi.",
    "Huy động {money} triệu đồng từ xã hội hóa; {result}.",
]

RESULTS: dict[str, list[str]] = {
    "economy": [
        "thu nhập bình quân tăng rõ rệt",
        "hoàn thành nhiều km đường bê tông",
        "số hộ nghèo giảm một nửa",
        "sản phẩm có đầu ra ổn định",
    ],
    "culture_society": [
        "đường làng sạch, đẹp hơn",
        "trẻ em được đến trường đầy đủ",
        "rác thải giảm đáng kể",
        "đời sống tinh thần của người dân được nâng lên",
    ],
    "defence_security": [
        "không còn vụ trộm cắp kéo dài",
        "tai nạn giao thông giảm",
        "các mâu thuẫn được hòa giải ngay tại cơ sở",
        "an ninh trật tự được giữ vững",
    ],
    "political_system": [
        "thời gian giải quyết thủ tục rút ngắn",
        "ý kiến của dân được trả lời đúng hạn",
        "niềm tin của nhân dân với cấp ủy được củng cố",
        "không còn đơn thư vượt cấp",
    ],
}

CONTENT = (
    "Cấp ủy chỉ đạo, chính quyền tổ chức thực hiện, Mặt trận và các đoàn thể vận động; "
    "bàn bạc công khai với người dân, phân công rõ người, rõ việc, rõ thời gian; "
    "định kỳ sơ kết, rút kinh nghiệm và nhân rộng."
)

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
MIDDLE_NAMES = ["Văn", "Thị", "Minh", "Đức", "Thu", "Ngọc", "Quang", "Hữu", "Thanh", "Xuân", "Kim", "Công"]
GIVEN_NAMES = [
    "An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hòa", "Hùng", "Hương", "Lan", "Long",
    "Mai", "Nam", "Nga", "Phong", "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Vinh", "Yến",
]  # fmt: skip
POSITIONS = [
    "Bí thư Chi bộ thôn",
    "Trưởng thôn",
    "Chủ tịch Hội Nông dân xã",
    "Chủ tịch Hội Liên hiệp Phụ nữ xã",
    "Trưởng ban công tác Mặt trận khu dân cư",
    "Hội viên Hội Cựu chiến binh",
    "Công an xã",
    "Giáo viên trường tiểu học",
    "Y sĩ trạm y tế xã",
    "Bí thư Đoàn Thanh niên xã",
]

# Units below and beside a commune: (code suffix, name pattern, unit kind).
COMMUNE_BODIES = [
    ("MT", "Ủy ban MTTQ Việt Nam {commune}", "front"),
    ("PN", "Hội Liên hiệp Phụ nữ {commune}", "association"),
    ("ND", "Hội Nông dân {commune}", "association"),
    ("CCB", "Hội Cựu chiến binh {commune}", "association"),
    ("DTN", "Đoàn Thanh niên {commune}", "association"),
    ("CA", "Công an {commune}", "armed_forces"),
    ("TH", "Trường Tiểu học {commune}", "agency"),
    ("YT", "Trạm Y tế {commune}", "agency"),
]
# Village names by the commune's kind of place.
VILLAGE_WORDS_RURAL = ["Thôn", "Ấp", "Bản", "Xóm"]
VILLAGE_WORDS_URBAN = ["Tổ dân phố", "Khu phố"]
# Bodies of a province.
PROVINCE_BODIES = [
    ("BTGDV", "Ban Tuyên giáo và Dân vận Tỉnh ủy {province}", "party_cell"),
    ("MT", "Ủy ban MTTQ Việt Nam {province}", "front"),
    ("CA", "Công an {province}", "armed_forces"),
    ("QS", "Bộ Chỉ huy Quân sự {province}", "armed_forces"),
    ("BP", "Bộ Chỉ huy Bộ đội Biên phòng {province}", "armed_forces"),
    ("SNN", "Sở Nông nghiệp và Môi trường {province}", "agency"),
    ("SYT", "Sở Y tế {province}", "agency"),
    ("SGD", "Sở Giáo dục và Đào tạo {province}", "agency"),
    ("HND", "Hội Nông dân {province}", "association"),
    ("HPN", "Hội Liên hiệp Phụ nữ {province}", "association"),
]

NOTES = {
    "return": "Đề nghị bổ sung số liệu kết quả và ảnh minh chứng.",
    "reject": "Chưa đáp ứng tiêu chí về tính bền vững và khả năng nhân rộng.",
    "historical_entry": "Nhập trực tiếp số liệu lịch sử ở trạng thái cuối.",
}
