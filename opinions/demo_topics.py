"""What villagers of a Red River delta commune typically raise, for the demo data.

Each topic: the petition the Front would write, its field, the unit that answers, the
answer, and several ways people put it on their forms.
"""

TOPICS = [
    {
        "petition": "Đề nghị sửa chữa, nâng cấp tuyến đường trục thôn đã xuống cấp, nhiều ổ gà.",
        "field": "Giao thông",
        "unit": "Bộ phận Địa chính - Xây dựng",
        "answer": "UBND xã đã đưa tuyến đường vào kế hoạch duy tu năm nay; dự kiến thi công vá ổ gà trong quý III, nâng cấp mặt đường khi có nguồn vốn nông thôn mới.",
        "opinions": [
            "Đường trục thôn xuống cấp, nhiều ổ gà, trời mưa đọng nước rất khó đi.",
            "Đề nghị xã sớm sửa đường làng, xe chở nông sản đi lại khó khăn.",
            "Đường liên thôn hỏng nặng đã hai năm chưa được sửa.",
            "Mong xã nâng cấp đường trục thôn để con em đi học an toàn.",
        ],
    },
    {
        "petition": "Đề nghị nạo vét, khơi thông rãnh thoát nước khu dân cư để chống ngập khi mưa lớn.",
        "field": "Môi trường",
        "unit": "Bộ phận Địa chính - Xây dựng",
        "answer": "Xã giao các thôn huy động Nhân dân nạo vét rãnh trước mùa mưa; xã hỗ trợ máy xúc cho các đoạn tắc nặng.",
        "opinions": [
            "Rãnh thoát nước bị tắc, mưa to là nước tràn vào nhà.",
            "Đề nghị nạo vét rãnh nước trong xóm, bốc mùi hôi thối.",
            "Cống thoát nước đầu thôn bị lấp, cần khơi thông.",
        ],
    },
    {
        "petition": "Đề nghị đẩy nhanh việc cấp giấy chứng nhận quyền sử dụng đất cho các hộ đã nộp hồ sơ.",
        "field": "Đất đai",
        "unit": "Bộ phận Địa chính - Xây dựng",
        "answer": "Bộ phận Địa chính đã rà soát 37 hồ sơ tồn đọng; 21 hồ sơ đủ điều kiện đã chuyển cấp huyện, các hồ sơ còn lại được hướng dẫn bổ sung giấy tờ.",
        "opinions": [
            "Gia đình nộp hồ sơ cấp sổ đỏ đã hơn một năm chưa có kết quả.",
            "Đề nghị xã giải quyết nhanh việc cấp giấy chứng nhận quyền sử dụng đất.",
            "Hồ sơ cấp giấy chứng nhận đất ở bị trả lại nhiều lần, không rõ lý do.",
            "Xin hướng dẫn rõ thủ tục cấp sổ đỏ cho đất thừa kế.",
        ],
    },
    {
        "petition": "Đề nghị tăng số lần thu gom rác thải sinh hoạt và xử lý điểm tập kết rác tự phát.",
        "field": "Môi trường",
        "unit": "Bộ phận Địa chính - Xây dựng",
        "answer": "Từ tháng 7, tổ thu gom tăng lên 3 lần mỗi tuần; xã đã dọn điểm rác tự phát ven đê và đặt biển cấm đổ rác.",
        "opinions": [
            "Rác thải sinh hoạt thu gom không thường xuyên, để lâu bốc mùi.",
            "Có điểm đổ rác tự phát ven đê, đề nghị xã xử lý.",
            "Đề nghị tăng số lần thu gom rác trong tuần.",
        ],
    },
    {
        "petition": "Đề nghị lắp đặt bổ sung đèn chiếu sáng công cộng trên các tuyến đường thôn.",
        "field": "Xây dựng",
        "unit": "Bộ phận Địa chính - Xây dựng",
        "answer": "Xã phối hợp Điện lực lắp 25 bóng đèn chiếu sáng trên các tuyến chính trong năm; các thôn đề xuất vị trí ưu tiên.",
        "opinions": [
            "Đường thôn buổi tối không có đèn, người già đi lại nguy hiểm.",
            "Đề nghị lắp thêm đèn đường ở đoạn gần trường học.",
            "Nhiều bóng đèn đường hỏng chưa được thay.",
        ],
    },
    {
        "petition": "Đề nghị tu sửa, nạo vét kênh mương nội đồng phục vụ tưới tiêu vụ mùa.",
        "field": "Thủy lợi",
        "unit": "Bộ phận Địa chính - Xây dựng",
        "answer": "Hợp tác xã dịch vụ nông nghiệp đã nạo vét 3,2 km kênh cấp 3 trước vụ mùa; đoạn kênh bị sạt được đưa vào kế hoạch kiên cố hóa.",
        "opinions": [
            "Kênh mương nội đồng bị bồi lắng, không đủ nước tưới.",
            "Đề nghị kiên cố hóa đoạn kênh bị sạt lở ở cánh đồng sau làng.",
            "Trạm bơm hoạt động không ổn định, ruộng cao thiếu nước.",
        ],
    },
    {
        "petition": "Đề nghị hỗ trợ giống, kỹ thuật và tìm đầu ra cho sản phẩm nông nghiệp của Nhân dân.",
        "field": "Nông nghiệp",
        "unit": "Bộ phận Văn hóa - Xã hội",
        "answer": "Xã phối hợp Hội Nông dân tổ chức 4 lớp tập huấn kỹ thuật và kết nối hợp tác xã tiêu thụ rau an toàn cho các hộ tham gia.",
        "opinions": [
            "Giá lúa thấp, chi phí phân bón cao, đề nghị hỗ trợ giống.",
            "Mong xã mở lớp tập huấn kỹ thuật trồng rau an toàn.",
            "Rau màu làm ra không có đầu ra ổn định.",
        ],
    },
    {
        "petition": "Đề nghị tăng cường tuần tra, xử lý tình trạng trộm cắp tài sản và xe máy.",
        "field": "An ninh trật tự",
        "unit": "Công an xã",
        "answer": "Công an xã đã tăng tuần tra ban đêm, phối hợp tổ an ninh thôn; đã bắt giữ 2 đối tượng trộm cắp trong tháng 5.",
        "opinions": [
            "Gần đây xảy ra nhiều vụ trộm gà, trộm xe máy trong thôn.",
            "Đề nghị công an xã tăng cường tuần tra ban đêm.",
            "Tình trạng trộm cắp vặt làm người dân lo lắng.",
        ],
    },
    {
        "petition": "Đề nghị chấn chỉnh tình trạng hát karaoke gây ồn ào sau 22 giờ.",
        "field": "An ninh trật tự",
        "unit": "Công an xã",
        "answer": "Công an xã đã nhắc nhở, lập biên bản các hộ vi phạm; thôn đưa quy định giờ hát karaoke vào hương ước.",
        "opinions": [
            "Nhiều hộ hát karaoke đến khuya, ảnh hưởng giấc ngủ của người già và trẻ nhỏ.",
            "Đề nghị xử lý tiếng ồn karaoke sau 22 giờ.",
        ],
    },
    {
        "petition": "Đề nghị giải quyết kịp thời chế độ trợ cấp xã hội cho người cao tuổi, người khuyết tật.",
        "field": "Chính sách xã hội",
        "unit": "Bộ phận Văn hóa - Xã hội",
        "answer": "Các hồ sơ đủ điều kiện đã được trình hưởng trợ cấp từ tháng 6; bộ phận Văn hóa - Xã hội hướng dẫn tại nhà cho người khuyết tật nặng.",
        "opinions": [
            "Hồ sơ trợ cấp người cao tuổi nộp lâu chưa được hưởng.",
            "Đề nghị xem xét chế độ cho người khuyết tật nặng trong thôn.",
            "Thủ tục hưởng trợ cấp xã hội còn phức tạp, đi lại nhiều lần.",
        ],
    },
    {
        "petition": "Đề nghị rà soát công khai, minh bạch danh sách hộ nghèo, hộ cận nghèo.",
        "field": "Chính sách xã hội",
        "unit": "Bộ phận Văn hóa - Xã hội",
        "answer": "Danh sách rà soát hộ nghèo đã được niêm yết tại nhà văn hóa các thôn 15 ngày để Nhân dân góp ý trước khi phê duyệt.",
        "opinions": [
            "Việc bình xét hộ nghèo chưa công khai, có hộ khá giả vẫn trong danh sách.",
            "Đề nghị niêm yết danh sách hộ cận nghèo tại nhà văn hóa thôn.",
        ],
    },
    {
        "petition": "Đề nghị nâng cao chất lượng khám chữa bệnh bảo hiểm y tế tại trạm y tế xã.",
        "field": "Y tế",
        "unit": "Bộ phận Văn hóa - Xã hội",
        "answer": "Trạm y tế đã bổ sung danh mục thuốc bảo hiểm y tế và bố trí bác sĩ khám vào sáng thứ Bảy.",
        "opinions": [
            "Trạm y tế xã thiếu thuốc bảo hiểm, người dân phải mua ngoài.",
            "Đề nghị trạm y tế có bác sĩ khám cả ngày thứ Bảy.",
            "Người cao tuổi mong được khám sức khỏe định kỳ tại trạm.",
        ],
    },
    {
        "petition": "Đề nghị sửa chữa phòng học, nhà vệ sinh của trường tiểu học.",
        "field": "Giáo dục",
        "unit": "Bộ phận Văn hóa - Xã hội",
        "answer": "UBND xã đã bố trí kinh phí sửa mái phòng học và xây mới khu vệ sinh trong dịp hè.",
        "opinions": [
            "Phòng học trường tiểu học bị dột khi mưa.",
            "Nhà vệ sinh của trường xuống cấp, không đảm bảo cho học sinh.",
        ],
    },
    {
        "petition": "Đề nghị sửa chữa nhà văn hóa thôn và bổ sung trang thiết bị.",
        "field": "Văn hóa",
        "unit": "Bộ phận Văn hóa - Xã hội",
        "answer": "Xã hỗ trợ 50% kinh phí sửa mái nhà văn hóa; thôn vận động xã hội hóa phần còn lại và mua loa đài.",
        "opinions": [
            "Nhà văn hóa thôn xuống cấp, mái ngói vỡ.",
            "Đề nghị trang bị loa đài, bàn ghế cho nhà văn hóa.",
        ],
    },
    {
        "petition": "Đề nghị chấn chỉnh thái độ phục vụ, giảm thời gian chờ tại bộ phận một cửa.",
        "field": "Cán bộ và đạo đức lối sống",
        "unit": "Văn phòng HĐND và UBND xã",
        "answer": "Chủ tịch UBND xã đã nhắc nhở công chức; bộ phận một cửa niêm yết đường dây nóng và bố trí thêm người vào giờ cao điểm.",
        "opinions": [
            "Một số cán bộ một cửa còn hách dịch, hướng dẫn không rõ ràng.",
            "Người dân phải chờ lâu khi làm thủ tục chứng thực.",
            "Đề nghị công khai số điện thoại đường dây nóng của xã.",
        ],
    },
    {
        "petition": "Đề nghị công khai các khoản thu, đóng góp trong năm tại các thôn.",
        "field": "Chủ trương, chính sách",
        "unit": "Bộ phận Tài chính - Kế toán",
        "answer": "Các khoản thu, đóng góp năm nay đã được công khai tại hội nghị thôn và niêm yết tại nhà văn hóa; không có khoản thu ngoài quy định.",
        "opinions": [
            "Đề nghị công khai các khoản đóng góp xây dựng trong thôn.",
            "Có khoản thu chưa rõ mục đích, mong xã giải thích.",
        ],
    },
    {
        "petition": "Đề nghị đầu tư hệ thống nước sạch tập trung cho các thôn.",
        "field": "Xây dựng",
        "unit": "Bộ phận Địa chính - Xây dựng",
        "answer": "Dự án cấp nước sạch liên xã đã được tỉnh phê duyệt chủ trương; dự kiến khởi công năm sau, xã sẽ thông báo lộ trình đấu nối.",
        "opinions": [
            "Nước giếng khoan nhiễm phèn, đề nghị có nước sạch.",
            "Mong xã sớm kéo đường ống nước sạch về thôn.",
            "Bao giờ thôn có nước máy?",
        ],
    },
    {
        "petition": "Đề nghị xử lý ô nhiễm mùi hôi từ các trang trại chăn nuôi gần khu dân cư.",
        "field": "Môi trường",
        "unit": "Bộ phận Địa chính - Xây dựng",
        "answer": "Đoàn kiểm tra của xã yêu cầu 2 trang trại lắp hầm biogas và xử lý chất thải trong 60 ngày; sẽ kiểm tra lại.",
        "opinions": [
            "Trại lợn gần khu dân cư xả thải gây mùi hôi.",
            "Đề nghị kiểm tra việc xử lý chất thải của các trang trại chăn nuôi.",
        ],
    },
    {
        "petition": "Đề nghị xử lý các trường hợp xây dựng, lấn chiếm hành lang giao thông, đất công.",
        "field": "Đất đai",
        "unit": "Bộ phận Địa chính - Xây dựng",
        "answer": "Xã đã lập biên bản 5 trường hợp lấn chiếm và yêu cầu tháo dỡ; các trường hợp không chấp hành sẽ bị cưỡng chế theo quy định.",
        "opinions": [
            "Một số hộ xây tường lấn ra đường làng.",
            "Đất công ven mương bị lấn chiếm làm quán.",
        ],
    },
    {
        "petition": "Đề nghị tuyên truyền, hướng dẫn Nhân dân về chính sách bảo hiểm xã hội tự nguyện.",
        "field": "Chủ trương, chính sách",
        "unit": "Bộ phận Văn hóa - Xã hội",
        "answer": "Xã phối hợp Bảo hiểm xã hội huyện tổ chức hội nghị tuyên truyền tại từng thôn trong tháng 7.",
        "opinions": [
            "Người dân chưa hiểu rõ bảo hiểm xã hội tự nguyện, đề nghị tuyên truyền.",
            "Xin hướng dẫn cách đóng bảo hiểm xã hội tự nguyện cho nông dân.",
        ],
    },
]

# Recorded and referred under their own laws, never merged into a petition.
REFERRALS = [
    (
        "Khiếu nại việc đo đạc lại ranh giới thửa đất của gia đình không đúng hiện trạng.",
        "complaint",
        "Đất đai",
    ),
    (
        "Tố cáo cán bộ thôn thu tiền làm hồ sơ trái quy định.",
        "denunciation",
        "Cán bộ và đạo đức lối sống",
    ),
]

FAMILY_NAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đỗ", "Bùi", "Đặng", "Ngô"]
MIDDLE_NAMES = ["Văn", "Thị", "Đức", "Thị Thu", "Minh", "Thị Hồng", "Quang", "Thị Lan"]
GIVEN_NAMES = [
    "An",
    "Bình",
    "Cường",
    "Dung",
    "Hà",
    "Hải",
    "Hoa",
    "Hùng",
    "Lan",
    "Long",
    "Mai",
    "Nam",
    "Oanh",
    "Phúc",
    "Quý",
    "Sơn",
    "Tâm",
    "Thắng",
    "Trang",
    "Tuấn",
]

CONCLUSION = """\
Chủ trì hội nghị ghi nhận, đánh giá cao tinh thần thẳng thắn, xây dựng của cán bộ và Nhân dân các thôn; các ý kiến tập trung vào giao thông, môi trường, đất đai và chính sách xã hội.
Giao Bộ phận Địa chính - Xây dựng khẩn trương rà soát hồ sơ cấp giấy chứng nhận quyền sử dụng đất, lập phương án sửa chữa đường trục thôn và nạo vét rãnh thoát nước trước mùa mưa.
Giao Công an xã tăng cường tuần tra, giữ gìn an ninh trật tự; Bộ phận Văn hóa - Xã hội giải quyết dứt điểm hồ sơ trợ cấp xã hội còn tồn đọng.
Các ý kiến chưa trả lời tại hội nghị, các cơ quan được giao trả lời bằng văn bản trước ngày 30/6/2026 và báo cáo Chủ tịch UBND xã."""

FOLLOWUPS = [
    "Đề nghị xã thông báo cụ thể thời gian thi công để Nhân dân biết.",
    "Tôi đồng ý với câu trả lời, mong xã thực hiện đúng hạn.",
    "Đề nghị có văn bản trả lời gửi về thôn.",
]
