"""Default texts of a plan's sections, as the 2026 plan of Kè Sắt words them.

A new plan starts from these; the office edits them in the plan form. One line is one
paragraph of the paper. Sentences that name the villages, the dates or the year are not
stored here: the paper writes them from the plan's data.
"""

PURPOSE = """\
- Tiếp tục triển khai thực hiện có hiệu quả kế hoạch tiếp xúc, đối thoại trực tiếp của người đứng đầu cấp ủy đảng, chính quyền các cấp với Nhân dân trên địa bàn xã, nhằm giải quyết kịp thời những vấn đề khó khăn, bức xúc ở cơ sở.
- Lắng nghe tâm tư nguyện vọng, ý kiến tham vấn, kiến nghị của Nhân dân nhằm phát huy quyền làm chủ và vai trò giám sát của Nhân dân; kịp thời phát hiện những khó khăn, vướng mắc phát sinh để kịp thời lãnh đạo, chỉ đạo khắc phục hoặc kiến nghị điều chỉnh những chủ trương, chính sách chưa phù hợp.
- Nâng cao chất lượng, hiệu quả công tác tuyên truyền, phổ biến các chủ trương, Nghị quyết của Đảng; chính sách, pháp luật của Nhà nước, tạo sự đồng thuận trong Nhân dân khi triển khai thực hiện các chủ trương, chính sách phát triển kinh tế - xã hội và bảo đảm an ninh trật tự, an toàn xã hội trên địa bàn.
- Góp phần đổi mới phương thức lãnh đạo của Đảng; hiệu lực, hiệu quả điều hành của chính quyền; phương thức hoạt động của MTTQ và các đoàn thể; nâng cao tinh thần trách nhiệm, thái độ phục vụ Nhân dân của cán bộ, đảng viên. Tăng cường mối quan hệ giữa Đảng, Nhà nước với Nhân dân, phát huy vai trò giám sát và phản biện xã hội của MTTQ và các đoàn thể.
- Phát huy ưu điểm, kịp thời phát hiện những hạn chế, thiếu sót trong việc thực hiện nhiệm vụ của cán bộ, công chức, viên chức; nâng cao năng lực lãnh đạo và trách nhiệm của người đứng đầu cấp ủy, chính quyền, các cơ quan, đơn vị."""

REQUIREMENTS = """\
- Việc tiếp xúc, đối thoại trực tiếp với Nhân dân phải đảm bảo sự lãnh đạo của cấp ủy đảng, quản lý, điều hành của chính quyền và phát huy vai trò của Mặt trận Tổ quốc, các tổ chức chính trị xã hội, gắn với việc thực hiện các nhiệm vụ của địa phương.
- Việc tiếp xúc, đối thoại với Nhân dân được thực hiện nghiêm túc, đảm bảo dân chủ, bình đẳng, công khai, hiệu quả. Thực hiện tốt phương châm “Dân biết, dân bàn, dân kiểm tra”."""

ATTENDEE_GROUPS = """\
+ Lãnh đạo UBND xã;
+ Đại diện lãnh đạo Đảng ủy, Thường trực HĐND xã; Đại diện các cơ quan tham mưu, giúp việc Đảng ủy; Đại diện lãnh đạo UB MTTQ và các đoàn thể xã;"""

CONTENT = """\
- Thông báo khái quát tình hình phát triển kinh tế xã hội của xã từ đầu năm đến thời điểm tiếp xúc.
- Ý kiến đóng góp, tham vấn của Nhân dân về các chủ trương, chính sách của Đảng, Nhà nước; các chỉ thị, nghị quyết, quy định của địa phương đã ban hành có nội dung liên quan trực tiếp đến quyền và lợi ích của Nhân dân.
- Nghe ý kiến Nhân dân phản ánh về phương thức lãnh đạo, chỉ đạo của các cấp ủy đảng, hoạt động quản lý điều hành của chính quyền, các cơ quan, đơn vị; về đạo đức lối sống, thái độ, tinh thần trách nhiệm của cán bộ, đảng viên.
- Nghe ý kiến Nhân dân phản ánh cụ thể về những vấn đề bức xúc phát sinh tại cơ sở, những vấn đề dư luận Nhân dân quan tâm.
- Chủ tọa hội nghị chỉ đạo giải quyết những kiến nghị cụ thể của Nhân dân hoặc tiếp thu đề kiến nghị với cấp có thẩm quyền giải quyết."""

VENUE = "Tại tầng 3- Nhà C- Trụ sở Đảng ủy - HĐND - UBND - UBMTTQ xã"

DURATION = "½ ngày"

PROGRAMME = """\
+ Văn phòng HĐND và UBND xã tuyên bố lý do, giới thiệu đại biểu; quán triệt nội quy tiếp xúc, đối thoại; giới thiệu chủ tọa, thư ký hội nghị.
+ Chủ trì hội nghị tiếp xúc đối thoại thông báo cho Nhân dân về nội dung tiếp xúc đối thoại. Thông báo khái quát kết quả phát triển kinh tế - xã hội của xã từ đầu năm đến thời điểm tiếp xúc.
+ Nhân dân phát biểu ý kiến theo thứ tự đăng ký và theo sự điều hành của chủ tọa hội nghị.
+ Thư ký hội nghị tập hợp các phiếu ghi ý kiến, ghi chép đầy đủ nội dung ý kiến phát biểu trực tiếp của Nhân dân; Phân loại theo từng lĩnh vực cụ thể và chuyển cho chủ trì hội nghị.
+ Chủ trì hội nghị trực tiếp trả lời hoặc điều hành việc trả lời từng ý kiến của Nhân dân cho đến khi kết thúc hội nghị.
+ Nhân dân có thể tiếp tục có ý kiến sau khi đã được nghe người chủ trì trả lời hoặc đại diện các cơ quan báo cáo giải trình nội dung Nhân dân đã nêu.
+ Đ/c Chủ tịch UBND xã - Chủ trì hội nghị kết luận."""


def budget(year: int) -> str:
    return (
        f"Từ nguồn kinh phí hoạt động của UBND xã năm {year}.\n"
        "Văn phòng HĐND và UBND lập dự toán và thanh, quyết toán theo quy định."
    )


DUTIES_UNITS = """\
- Thủ trưởng các cơ quan, đơn vị trực tiếp tham dự hội nghị tiếp xúc đối thoại của Chủ tịch UBND xã (trường hợp bất khả kháng không thể tham dự hội nghị thì cử cấp phó đi dự thay và phải báo cáo Chủ tịch UBND xã); Chuẩn bị nội dung trả lời những vấn đề liên quan đến lĩnh vực người dân có ý kiến thuộc chức năng nhiệm vụ của đơn vị.
- Sau khi kết thúc hội nghị, báo cáo những nội dung theo kết luận của Chủ tịch UBND xã."""

DUTIES_OFFICE = (
    "Văn phòng HĐND và UBND xã phối hợp với Ban xây dựng Đảng, các cơ quan có liên quan tham "
    "mưu chuẩn bị các nội dung cho hội nghị tiếp xúc đối thoại của Chủ tịch UBND xã;"
)

DUTIES_FRONT = (
    "Đề nghị Ủy ban MTTQ, các đoàn thể chính trị - xã hội thường xuyên nắm bắt tâm tư, nguyện "
    "vọng của đoàn viên, hội viên và các tầng lớp Nhân dân;\n"
    "tổng hợp các ý kiến, kiến nghị để kịp thời đề xuất những vấn đề Nhân dân bức xúc, quan "
    "tâm; đồng thời giám sát việc thực hiện những kết luận sau tiếp xúc, đối thoại."
)

DUTIES_VILLAGES = """\
- Thông báo nội dung của kế hoạch tiếp xúc, đối thoại của đồng chí Chủ tịch UBND xã để Nhân dân trong thôn được biết.
- Thông báo, mời đại biểu đại diện Nhân dân trong thôn tham dự hội nghị.
- Phối hợp với Văn phòng HĐND và UBND xã chuẩn bị các điều kiện về cơ sở vật chất phục vụ hội nghị.
- Chủ động nắm tình hình tại cơ sở, báo cáo, đề xuất với Đảng ủy, HĐND, UBND xã để giải quyết những vấn đề vướng mắc tại cơ sở."""

RECIPIENTS = """\
BTV Đảng ủy,
Ban xây dựng Đảng;
Ủy ban MTTQ xã;
Thủ trưởng các cơ quan, đơn vị liên quan;
Lưu VP."""

SIGNER_CAPACITY = "TM. ỦY BAN NHÂN DÂN"
SIGNER_TITLE = "CHỦ TỊCH"


def title(year: int) -> str:
    return f"Tổ chức tiếp xúc, đối thoại trực tiếp của Chủ tịch UBND xã năm {year}"


def defaults(year: int) -> dict:
    """Field values for a new plan of ``year``."""
    return {
        "title": title(year),
        "purpose": PURPOSE,
        "requirements": REQUIREMENTS,
        "expected_attendance": 100,
        "attendee_groups": ATTENDEE_GROUPS,
        "content": CONTENT,
        "venue": VENUE,
        "duration": DURATION,
        "programme": PROGRAMME,
        "budget": budget(year),
        "duties_units": DUTIES_UNITS,
        "duties_office": DUTIES_OFFICE,
        "duties_front": DUTIES_FRONT,
        "duties_villages": DUTIES_VILLAGES,
        "recipients": RECIPIENTS,
        "signer_capacity": SIGNER_CAPACITY,
        "signer_title": SIGNER_TITLE,
    }
