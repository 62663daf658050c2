"""Why a file cannot be read, one Chinese sentence each, saying what to do about it."""

from __future__ import annotations

MiB = 2**20  # sizes and limits are set and said in MB

ENCRYPTED = "文件「{name}」设有打开密码，无法读取：请在 Excel 中取消密码后另存为 .xlsx 再导入。"
EMPTY = "文件「{name}」是空文件（0 字节），无法读取：请从原系统重新导出，或向报送单位重新索取。"
TOO_BIG = (
    "文件「{name}」有 {size} MB，超过 {limit} MB 的上限，已拒绝读取：请拆分成几个较小的文件，"
    "或用环境变量 IPDB_MAX_FILE_MB 调高上限。"
)
NOT_SPREADSHEET = "文件「{name}」看起来是{what}，不是电子表格文件：请另存为 .xlsx 或 .csv 再导入。"
UNKNOWN_FORMAT = "文件「{name}」不是电子表格文件，无法识别其格式：请用 Excel 或 WPS 另存为 .xlsx 或 .csv 再导入。"
MARKUP = "文件「{name}」其实是网页（HTML/XML）格式，只是扩展名像 Excel：请用 Excel 打开后另存为 .xlsx 再导入。"
PLAIN_ZIP = "文件「{name}」是普通压缩包，不是电子表格文件：请先解压，再分别导入其中的表格文件。"
LOCK_FILE = "文件「{name}」是 Excel 打开文件时生成的临时锁文件，不是数据文件：请忽略或删除它。"
CANNOT_OPEN = "无法打开文件「{name}」：请确认文件存在，并关闭正在使用它的 Excel 或 WPS 后重试。"
BROKEN = "文件「{name}」已损坏或不完整，无法读取：请用 Excel 打开确认内容正常后另存为 .xlsx 再导入。"
NO_MEMORY = "文件「{name}」太大，内存不足以读取：请拆分成几个较小的文件后再导入。"
BOMB = (
    "文件「{name}」解压后体积异常（约 {size} MB），疑似压缩炸弹，已拒绝读取：请确认文件来源，"
    "或从原系统重新导出后再导入。"
)
XML_ENTITIES = (
    "文件「{name}」的内部文件 {member} 含有 XML 实体定义，可能是恶意文件，已拒绝读取：请确认文件来源，"
    "或从原系统重新导出后再导入。"
)
HUGE_RANGE = (
    "文件「{name}」有工作表的使用区域达到 {ref}（约 {cells} 个单元格），已拒绝读取：请在 Excel 中按 "
    "Ctrl+End 找到最后一个单元格，删除多余的行和列后另存再导入。"
)
TOO_MANY_ROWS = (
    "文件「{name}」的工作表「{sheet}」超过 {limit} 行的上限，已拒绝读取：请删除多余的空行，或拆分成几个文件后再导入。"
)
BAD_ENCODING = "文件「{name}」的文字编码无法识别：请用 Excel 打开后另存为 .xlsx 或「CSV UTF-8」格式再导入。"
BAD_CSV = "文件「{name}」第 {line} 行附近的 CSV 格式有误（如引号不成对）：请用 Excel 打开后另存为 .xlsx 再导入。"
BAD_ENV = "环境变量 {var} 的值「{value}」不是正整数：请改成以 MB 为单位的整数（例如 200），或删除该变量。"


def mib(size: int) -> int:
    """A size in MB, rounded up, as the sentences say it."""
    return -(-size // MiB)
