#!/usr/bin/env python3
"""Generate the demo district 云溪区 (imports/demo/) and its ground truth (tools/demo_facts.json).

The demo is what a newcomer sees first: a folder of spreadsheets as a district
市场监督管理局 IP office receives them (Chinese headers, title rows, 合计 and
note rows, mixed date forms, full-width characters, a renamed enterprise, a few
deliberately bad rows), small enough to read by eye.

Everything is generated from an internal model (enterprises, patents with one
"view" per export, trademarks, programmes, loans ...).  The headline figures
in demo_facts.json are computed from that model following Part I of
/work/shared/domain.md - never by reading the written files back.

Deterministic: fixed seed, fixed workbook timestamps, fixed zip entry times.
Running it twice gives byte-identical files.  No dependency on the ipdb package.

Usage:  python tools/make_demo.py [--out DIR] [--facts FILE]
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import random
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import pairwise
from pathlib import Path

import xlwt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

# =============================================================================
# Fixed parameters
# =============================================================================

SEED = 20260930
Q2 = date(2026, 6, 30)                # 2026Q2 as-of date
Q3 = date(2026, 9, 30)                # 2026Q3 as-of date
Q3_START = date(2026, 7, 1)
YEAR_START = date(2026, 1, 1)
LEGACY_ASOF = date(2025, 12, 31)      # declared as-of of the old-system .xls (not a snapshot)
FIXED_DT = datetime(2026, 10, 8, 9, 0, 0)
FIXED_ZIP_TIME = (2026, 10, 8, 9, 0, 0)

DISTRICT = "云溪区"
BUREAU = "云溪区市场监督管理局"

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "imports" / "demo"
DEFAULT_FACTS = ROOT / "tools" / "demo_facts.json"

# =============================================================================
# Data tables
# =============================================================================

TOWNS = ["城东街道", "城西街道", "滨江街道", "高新园区", "青山镇", "白沙镇", "临港街道", "湖滨街道"]

# key, name (as carried on 2026-06-30), town, industry (GB/T 4754 大类), registering-authority area code,
# organisation-code style ("old" = 8 digits, "MA" = post-2015 MA2xxxxx)
ENTERPRISES = [
    ("E01", "杭州云溪智能装备股份有限公司", "高新园区", "专用设备制造业", "330100", "old"),
    ("E02", "浙江青山新材料科技有限公司", "青山镇", "化学原料和化学制品制造业", "330106", "old"),
    ("E03", "云溪（杭州）生物医药有限公司", "滨江街道", "医药制造业", "330106", "MA"),
    ("E04", "杭州海澄微电子股份有限公司", "高新园区", "计算机、通信和其他电子设备制造业", "330100", "old"),
    ("E05", "杭州数策软件技术有限公司", "城东街道", "软件和信息技术服务业", "330106", "MA"),
    ("E06", "杭州临港精密机械有限公司", "临港街道", "通用设备制造业", "330106", "old"),
    ("E07", "浙江白沙电气股份有限公司", "白沙镇", "电气机械和器材制造业", "330000", "old"),
    ("E08", "杭州湖滨光电科技有限公司", "湖滨街道", "计算机、通信和其他电子设备制造业", "330106", "MA"),
    ("E09", "杭州城西检测仪器有限公司", "城西街道", "仪器仪表制造业", "330106", "old"),
    ("E10", "杭州芯跃半导体有限公司", "高新园区", "计算机、通信和其他电子设备制造业", "330106", "MA"),
    ("E11", "杭州禾润食品有限公司", "白沙镇", "食品制造业", "330106", "old"),
    ("E12", "杭州博衍医疗器械有限公司", "滨江街道", "专用设备制造业", "330106", "MA"),
    ("E13", "浙江恒拓汽车零部件有限公司", "临港街道", "汽车制造业", "330100", "old"),
    ("E14", "杭州云图信息技术有限公司", "城东街道", "软件和信息技术服务业", "330106", "old"),
    ("E15", "杭州青禾生物科技有限公司", "青山镇", "研究和试验发展", "330106", "MA"),
    ("E16", "杭州锐驰机器人科技有限公司", "高新园区", "专用设备制造业", "330106", "MA"),
    ("E17", "杭州安澜环保科技有限公司", "湖滨街道", "科技推广和应用服务业", "330106", "old"),
    ("E18", "杭州明途数据服务有限公司", "城西街道", "软件和信息技术服务业", "330106", "MA"),
    ("E19", "浙江溪谷茶业有限公司", "青山镇", "酒、饮料和精制茶制造业", "330106", "old"),
    ("E20", "杭州精锻五金制品有限公司", "白沙镇", "金属制品业", "330106", "old"),
    ("E21", "杭州瑞康药业有限公司", "滨江街道", "医药制造业", "330100", "old"),
    ("E22", "杭州纳晶新材料有限公司", "高新园区", "非金属矿物制品业", "330106", "MA"),
    ("E23", "杭州星河纺织服饰有限公司", "城西街道", "纺织服装、服饰业", "330106", "old"),
    ("E24", "杭州汇智云计算有限公司", "城东街道", "软件和信息技术服务业", "330106", "MA"),
    ("E25", "杭州宏远塑业有限公司", "临港街道", "橡胶和塑料制品业", "330106", "old"),
    ("E26", "云溪（杭州）智能家居有限公司", "湖滨街道", "电气机械和器材制造业", "330106", "MA"),
    ("E27", "杭州鼎盛液压设备有限公司", "临港街道", "通用设备制造业", "330106", "old"),
    ("E28", "杭州天衡计量仪器有限公司", "城西街道", "仪器仪表制造业", "330106", "old"),
    ("E29", "杭州朗润化工有限公司", "青山镇", "化学原料和化学制品制造业", "330106", "old"),
    ("E30", "杭州凯越电子有限公司", "滨江街道", "计算机、通信和其他电子设备制造业", "330106", "old"),
    ("E31", "杭州优贝文具有限公司", "白沙镇", "文教、工美、体育和娱乐用品制造业", "330106", "old"),
    ("E32", "杭州智联物联网科技有限公司", "高新园区", "软件和信息技术服务业", "330106", "MA"),
    ("E33", "杭州华泰医药化工有限公司", "青山镇", "医药制造业", "330106", "old"),
    ("E34", "杭州云帆新能源科技有限公司", "临港街道", "电气机械和器材制造业", "330106", "MA"),
    ("E35", "杭州景和园林工程有限公司", "湖滨街道", "土木工程建筑业", "330106", "old"),
    ("E36", "杭州正阳电力设备有限公司", "城东街道", "电气机械和器材制造业", "330106", "old"),
    ("E37", "杭州森特过滤技术有限公司", "白沙镇", "专用设备制造业", "330106", "old"),
    ("E38", "杭州百川水处理设备有限公司", "青山镇", "专用设备制造业", "330106", "old"),
    ("E39", "杭州立信软件有限公司", "城东街道", "软件和信息技术服务业", "330106", "old"),
    ("E40", "杭州拓维光学有限公司", "湖滨街道", "仪器仪表制造业", "330106", "MA"),
    ("E41", "杭州聚源生物技术有限公司", "滨江街道", "研究和试验发展", "330106", "MA"),
    ("E42", "杭州美琪日化有限公司", "白沙镇", "化学原料和化学制品制造业", "330106", "old"),
    ("E43", "杭州飞鹰无人机科技有限公司", "高新园区", "铁路、船舶、航空航天和其他运输设备制造业", "330106", "MA"),
    ("E44", "杭州巨能电池有限公司", "临港街道", "电气机械和器材制造业", "330108", "old"),
    ("E45", "杭州清源环境检测有限公司", "城西街道", "专业技术服务业", "330106", "MA"),
    ("E46", "杭州佳禾食品科技有限公司", "白沙镇", "食品制造业", "330106", "MA"),
    ("E47", "杭州润泽医疗科技有限公司", "滨江街道", "专用设备制造业", "330106", "MA"),
    ("E48", "杭州卓越汽车电子有限公司", "临港街道", "汽车制造业", "330106", "old"),
    ("E49", "杭州致远信息科技有限公司", "城东街道", "软件和信息技术服务业", "330106", "MA"),
    ("E50", "杭州东方线缆有限公司", "白沙镇", "电气机械和器材制造业", "330106", "old"),
    ("E51", "杭州宏图印刷包装有限公司", "临港街道", "印刷和记录媒介复制业", "330106", "old"),
    ("E52", "杭州蓝海海洋生物科技有限公司", "湖滨街道", "医药制造业", "330106", "MA"),
    ("E53", "杭州恒温暖通设备有限公司", "城西街道", "通用设备制造业", "330106", "old"),
    ("E54", "杭州智造家具有限公司", "青山镇", "家具制造业", "330106", "old"),
    ("E55", "浙江云溪酿造有限公司", "青山镇", "酒、饮料和精制茶制造业", "330100", "old"),
    ("E56", "杭州北斗导航技术有限公司", "高新园区", "计算机、通信和其他电子设备制造业", "330106", "MA"),
    ("E57", "杭州盛世影像科技有限公司", "城东街道", "计算机、通信和其他电子设备制造业", "330106", "MA"),
    ("E58", "杭州利康保健品有限公司", "滨江街道", "食品制造业", "330106", "old"),
    ("E59", "杭州迅捷物流装备有限公司", "临港街道", "专用设备制造业", "330106", "MA"),
    ("E60", "杭州万象文化创意有限公司", "湖滨街道", "文教、工美、体育和娱乐用品制造业", "330106", "MA"),
    ("E61", "杭州钱塘阀门有限公司", "白沙镇", "通用设备制造业", "330106", "old"),
    ("E62", "杭州康源检测技术有限公司", "城西街道", "专业技术服务业", "330106", "MA"),
    ("E63", "杭州金石建材科技有限公司", "青山镇", "非金属矿物制品业", "330106", "old"),
    ("E64", "杭州新锐激光技术有限公司", "高新园区", "专用设备制造业", "330106", "MA"),
    ("E65", "杭州天成声学科技有限公司", "湖滨街道", "计算机、通信和其他电子设备制造业", "330106", "MA"),
    ("E66", "杭州易联支付技术有限公司", "城东街道", "软件和信息技术服务业", "330106", "MA"),
    ("E67", "杭州绿野农业科技有限公司", "青山镇", "科技推广和应用服务业", "330106", "old"),
    ("E68", "杭州众信电缆附件有限公司", "白沙镇", "电气机械和器材制造业", "330106", "old"),
    ("E69", "杭州华光照明电器有限公司", "城西街道", "电气机械和器材制造业", "330106", "old"),
    ("E70", "杭州沃土生态肥业有限公司", "青山镇", "化学原料和化学制品制造业", "330106", "old"),
    ("E71", "杭州安心医疗用品有限公司", "滨江街道", "专用设备制造业", "330106", "MA"),
    ("E72", "杭州云溪服饰有限公司", "城西街道", "纺织服装、服饰业", "330106", "old"),
    ("E73", "杭州博远教育科技有限公司", "城东街道", "软件和信息技术服务业", "330106", "MA"),
    ("E74", "杭州鑫达模具有限公司", "临港街道", "专用设备制造业", "330106", "old"),
    ("E75", "杭州澜图地理信息有限公司", "湖滨街道", "软件和信息技术服务业", "330106", "MA"),
    ("E76", "杭州兴业纸制品有限公司", "白沙镇", "造纸和纸制品业", "330106", "old"),
    ("E77", "杭州同创传感技术有限公司", "高新园区", "仪器仪表制造业", "330106", "MA"),
    ("E78", "杭州和信精细化工有限公司", "青山镇", "化学原料和化学制品制造业", "330106", "old"),
    ("E79", "云溪（杭州）数字科技有限公司", "高新园区", "软件和信息技术服务业", "330106", "MA"),
    ("E80", "杭州瑞丰电子商务有限公司", "城东街道", "互联网和相关服务", "330106", "MA"),
    # listed for the first time in the 2026Q3 enterprise list
    ("E81", "杭州启明量子科技有限公司", "高新园区", "研究和试验发展", "330106", "MA"),
    ("E82", "杭州栖溪新能源汽车部件有限公司", "临港街道", "汽车制造业", "330106", "MA"),
]
RENAMED_IN_Q3 = {"E05": "杭州数策智能科技有限公司"}         # same code, new name from the Q3 list on
FORMER_NAMES = {"E04": "杭州海澄电子科技有限公司"}          # renamed in 2023, 曾用名 in both lists
NEW_IN_Q3 = ("E81", "E82")

# co-holders that are not enterprises of the list (universities, a college, individuals)
UNIVERSITIES = ["浙江大学", "浙江工业大学", "杭州电子科技大学", "中国计量大学", "中国药科大学"]
COLLEGE = "杭州云溪职业技术学院"
INDIVIDUALS = ["王海峰", "陈立新", "周晓梅", "李娜"]

IND_GROUP = {
    "计算机、通信和其他电子设备制造业": "elec",
    "专用设备制造业": "equip", "通用设备制造业": "equip", "金属制品业": "equip",
    "铁路、船舶、航空航天和其他运输设备制造业": "equip",
    "软件和信息技术服务业": "soft", "互联网和相关服务": "soft",
    "医药制造业": "pharma", "研究和试验发展": "pharma",
    "化学原料和化学制品制造业": "chem", "非金属矿物制品业": "chem", "橡胶和塑料制品业": "chem",
    "电气机械和器材制造业": "elecmach",
    "仪器仪表制造业": "inst", "专业技术服务业": "inst",
    "汽车制造业": "auto",
    "食品制造业": "food", "酒、饮料和精制茶制造业": "food",
    "纺织服装、服饰业": "light", "文教、工美、体育和娱乐用品制造业": "light", "家具制造业": "light",
    "印刷和记录媒介复制业": "light", "造纸和纸制品业": "light",
    "科技推广和应用服务业": "env", "土木工程建筑业": "env",
}
GROUP_OVERRIDE = {"E81": "elec", "E12": "inst", "E47": "inst", "E71": "inst"}

# title vocabulary: invention nouns, method words, utility-model objects, design products
TITLES = {
    "elec": (["射频前端模组", "功率半导体器件", "芯片封装结构", "图像传感器", "电源管理电路",
              "高速串行接口电路", "柔性显示面板", "MEMS麦克风", "光耦合器件", "低噪声放大器", "驱动芯片"],
             ["晶圆级封装", "信号校准", "时钟同步", "静电防护", "缺陷检测", "功耗控制"],
             ["散热模组", "连接器", "屏蔽罩", "测试治具", "电路板固定支架", "天线组件"],
             ["智能音箱", "路由器", "蓝牙耳机", "充电器", "显示器支架", "摄像头"]),
    "equip": (["数控加工中心", "自动化装配线", "激光切割装置", "工业机器人关节", "精密减速器",
               "视觉定位系统", "伺服压装机", "物料分拣机构", "五轴联动机床"],
              ["路径规划", "故障诊断", "振动抑制", "刀具磨损监测", "焊缝跟踪", "轨迹补偿"],
              ["上料装置", "夹紧机构", "输送辊道", "防护罩", "导轨润滑结构", "翻转工装"],
              ["工业机器人", "数控机床", "控制柜", "焊接机", "AGV小车", "协作机械臂"]),
    "soft": (["数据处理系统", "分布式存储系统", "智能客服系统", "数据脱敏系统", "低代码开发平台"],
             ["用户画像构建", "异常交易识别", "文本分类", "多源数据融合", "任务调度", "日志分析", "图像识别"],
             ["数据采集终端", "服务器机箱", "信息发布屏", "边缘计算网关"],
             ["带图形用户界面的手机", "显示屏幕面板的图形用户界面", "自助服务终端", "智能门禁面板"]),
    "pharma": (["药物组合物", "缓释制剂", "注射用冻干粉针", "单克隆抗体", "中药提取物", "口腔崩解片",
                "重组蛋白表达载体"],
               ["纯化", "检测", "发酵", "结晶", "质量控制"],
               ["药品包装瓶", "配药装置", "胶囊填充装置", "试剂盒", "细胞培养瓶"],
               ["药盒", "输液袋", "试剂瓶", "体外诊断仪"]),
    "chem": (["水性环氧树脂", "阻燃聚丙烯复合材料", "有机硅改性涂料", "锂电池电解液添加剂", "可降解聚酯",
              "高分子絮凝剂", "纳米氧化锆粉体"],
             ["合成", "改性", "回收", "提纯", "连续化生产"],
             ["反应釜", "搅拌装置", "过滤器", "干燥塔", "计量加料装置"],
             ["包装桶", "涂料罐", "喷雾瓶"]),
    "elecmach": (["储能变流器", "永磁同步电机", "断路器", "LED驱动电源", "锂电池模组", "充电桩",
                  "智能开关"],
                 ["均衡控制", "故障保护", "电池荷电状态估计", "无功补偿", "温度控制"],
                 ["接线端子", "电缆固定夹", "散热风道", "开关柜", "灯具安装座"],
                 ["充电桩", "台灯", "插座", "电动工具", "智能门锁"]),
    "inst": (["气体检测仪", "光谱分析仪", "流量计", "称重传感器", "水质在线监测系统", "血液分析仪",
              "超声探头"],
             ["标定", "温度补偿", "信号去噪", "浓度反演", "图像分割"],
             ["采样探头", "检测支架", "校准装置", "样品盒"],
             ["检测仪", "测温枪", "水质监测仪", "监护仪"]),
    "auto": (["电子驻车制动系统", "线控转向装置", "车载电池包", "座椅调节机构", "新能源汽车热管理系统"],
             ["能量回收控制", "扭矩分配", "故障诊断", "热失控预警"],
             ["车门铰链", "保险杠支架", "线束固定卡扣", "电池包托盘"],
             ["汽车轮毂", "车灯", "方向盘", "充电口盖"]),
    "food": (["益生菌发酵饮料", "低糖烘焙食品", "速溶茶粉", "植物基蛋白饮品", "黄酒", "红茶"],
             ["发酵", "萃取", "杀菌", "干燥"],
             ["杀青机", "揉捻装置", "灌装机", "发酵罐", "茶叶烘干机"],
             ["茶叶罐", "包装盒（茶叶）", "酒瓶", "食品包装袋"]),
    "light": (["抗菌面料", "可降解纸基材料", "环保油墨", "阻燃窗帘布"],
              ["印染", "涂布", "裁剪", "复合"],
              ["缝纫压脚", "文具收纳盒", "折叠桌", "印刷压辊", "纸箱折边机构"],
              ["服装（连衣裙）", "书包", "笔筒", "沙发", "手提袋", "包装盒"]),
    "env": (["污水处理工艺", "土壤修复剂", "有机肥发酵工艺", "废气净化装置", "生态护坡结构"],
            ["处理", "监测", "修复", "资源化利用"],
            ["沉淀池", "喷淋塔", "布料器", "滴灌带"],
            ["垃圾桶", "花盆", "景观灯"]),
}
TECHS = ["深度学习", "知识图谱", "联邦学习", "区块链", "边缘计算", "大语言模型", "数字孪生", "机器视觉"]
UTIL_ADJ = ["便于拆卸的", "具有缓冲功能的", "高效", "可调节的", "防松动的", "节能型", "", "", "新型"]

# trademark brands (the rest take the two characters after 杭州/浙江)
BRAND_OVERRIDE = {"E03": "溪康", "E26": "溪居", "E79": "溪数", "E19": "溪谷", "E55": "云溪坊",
                  "E72": "溪裳", "E35": "景和"}
PINYIN = {"云溪": "YUNXI", "青山": "QINGSHAN", "溪康": "XIKANG", "海澄": "HAICHENG", "数策": "SHUCE",
          "临港": "LINGANG", "白沙": "BAISHA", "湖滨": "HUBIN", "溪谷": "XIGU", "芯跃": "XINYUE",
          "禾润": "HERUN", "巨能": "JUNENG", "星河": "XINGHE", "云溪坊": "YUNXIFANG", "溪居": "XIJU"}
TM_CLASSES = {
    "elec": [9, 42, 35, 38], "equip": [7, 9, 37, 42], "soft": [9, 42, 35, 38], "pharma": [5, 10, 35, 44],
    "chem": [1, 2, 3, 17], "elecmach": [9, 11, 7, 35], "inst": [9, 10, 42], "auto": [12, 7, 9],
    "food": [30, 32, 29, 35, 43], "light": [25, 16, 20, 35, 24], "env": [1, 37, 40, 44],
}

BANKS = ["中国工商银行股份有限公司杭州云溪支行", "中国农业银行股份有限公司杭州云溪支行",
         "中国银行股份有限公司杭州云溪支行", "中国建设银行股份有限公司杭州云溪支行",
         "交通银行股份有限公司杭州云溪支行", "杭州银行股份有限公司云溪支行",
         "浙商银行股份有限公司杭州云溪支行", "招商银行股份有限公司杭州云溪支行",
         "浙江云溪农村商业银行股份有限公司"]

PATENT_TYPE_NAME = {"1": "发明", "8": "发明", "2": "实用新型", "3": "外观设计"}
IN_FORCE_STATUSES = ("有效", "授权", "专利权维持", "等年费滞纳金")
PENDING_STATUSES = ("审中", "实质审查", "公开")
DEAD_STATUSES = ("失效", "未缴年费专利权终止", "届满终止")

CN_NUM = "零一二三四五六七八九"

# =============================================================================
# Identifier helpers (domain.md §1.4, §2.3, §2.4)
# =============================================================================

USCC_ALPHA = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_W = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ORG_W = (3, 7, 9, 10, 5, 8, 4, 2)
PAT_W = (2, 3, 4, 5, 6, 7, 8, 9)


def uscc_check(first17: str) -> str:
    s = sum(USCC_ALPHA.index(ch) * w for ch, w in zip(first17, USCC_W, strict=True))
    return USCC_ALPHA[(31 - s % 31) % 31]


def org_check(first8: str) -> str:
    """GB 11714 check character of the organisation code (USCC position 17)."""
    s = sum((int(ch) if ch.isdigit() else ord(ch) - 55) * w for ch, w in zip(first8, ORG_W, strict=True))
    c = 11 - s % 11
    return "X" if c == 10 else "0" if c == 11 else str(c)


def pat_check(body: str) -> str:
    assert body.isdigit() and len(body) in (8, 12), body
    r = sum(int(d) * PAT_W[i % 8] for i, d in enumerate(body)) % 11
    return "X" if r == 10 else str(r)


def make_uscc(rng: random.Random, area: str, style: str, used: set) -> str:
    while True:
        if style == "MA":
            org8 = "MA2" + "".join(rng.choice(USCC_ALPHA[:10] + "ABCDEFGHJKLMNPQRTUWXY") for _ in range(5))
        else:
            org8 = rng.choice("567") + "".join(rng.choice("0123456789") for _ in range(7))
        first17 = "91" + area + org8 + org_check(org8)
        code = first17 + uscc_check(first17)
        if code not in used:
            used.add(code)
            return code


def cn_numeral(n: int) -> str:
    """1..45 -> 一..四十五"""
    if n < 10:
        return CN_NUM[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN_NUM[tens]) + "十" + (CN_NUM[ones] if ones else "")


FULLWIDTH = str.maketrans({**{chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)}})


def to_fullwidth(s: str) -> str:
    return s.translate(FULLWIDTH)


def halfwidth_brackets(s: str) -> str:
    return s.replace("（", "(").replace("）", ")")


# =============================================================================
# Date helpers
# =============================================================================

def add_years(d: date, n: int) -> date:
    try:
        return d.replace(year=d.year + n)
    except ValueError:                      # 29 Feb
        return d.replace(year=d.year + n, day=28)


def rand_date(rng: random.Random, a: date, b: date) -> date:
    d = a + timedelta(days=rng.randint(0, (b - a).days))
    if d.month == 2 and d.day == 29:
        d = d.replace(day=28)
    return d


def excel_serial(d: date) -> int:
    return (d - date(1899, 12, 30)).days


class Fmt:
    """A cell value with an explicit number format."""

    def __init__(self, value, number_format: str):
        self.value = value
        self.number_format = number_format


DATE_STYLES = ["date"] * 40 + ["date_slash"] * 6 + ["dot"] * 4 + ["cn"] * 3 + ["int8"] * 2 + \
              ["str8"] * 2 + ["serial"] * 2


def date_value(d: date | None, style: str):
    """How a date is written in a cell."""
    if d is None:
        return None
    if style == "date":
        return Fmt(d, "yyyy-mm-dd")
    if style == "date_slash":
        return Fmt(d, "yyyy/m/d")
    if style == "dot":
        return f"{d.year}.{d.month}.{d.day}"
    if style == "cn":
        return f"{d.year}年{d.month}月{d.day}日"
    if style == "cn0":
        return f"{d.year}年{d.month:02d}月{d.day:02d}日"
    if style == "int8":
        return int(d.strftime("%Y%m%d"))
    if style == "str8":
        return d.strftime("%Y%m%d")
    if style == "serial":
        return excel_serial(d)
    if style == "iso":
        return d.isoformat()
    if style == "slash_text":
        return f"{d.year}/{d.month}/{d.day}"
    raise ValueError(style)


# =============================================================================
# Model
# =============================================================================

@dataclass
class Enterprise:
    key: str
    name_q2: str | None            # None = not in the Q2 list
    name_q3: str
    former: list[str]              # 曾用名 as listed in Q3 (Q2 list: FORMER_NAMES only)
    town: str
    industry: str
    code: str
    group: str

    def name_at(self, d: date) -> str:
        # name as of D: latest list on or before D, else the earliest
        if d >= Q3 or self.name_q2 is None:
            return self.name_q3
        return self.name_q2


@dataclass
class View:
    """One export's statement about a patent."""
    holders: list[str]             # holder ids: enterprise key "Exx" or "U:<name>" for non-enterprises
    status: str
    granted: date | None
    lapse: date | None = None      # the register's 失效日, if the export gives one
    lapse_shown: bool = True


@dataclass
class Patent:
    pid: int
    body: str
    ptype: str                     # '1', '2', '3', '8'
    title: str
    filed: date
    views: dict = field(default_factory=dict)    # 'Q2' / 'Q3' / 'LEGACY' -> View
    tag: str = ""
    no_style: str = "plain"
    date_styles: tuple = ("date", "date", "date")
    show_code: bool = False
    former_name: bool = False      # E04 patents still recorded under its 曾用名
    halfwidth: bool = False        # holder written with half-width brackets
    sep: str = "；"

    @property
    def chk(self) -> str:
        return pat_check(self.body)

    @property
    def is_invention(self) -> bool:
        return self.ptype in ("1", "8")


@dataclass
class Trademark:
    regno: str
    cls: int
    name: str
    holder: str                    # holder id
    applied: date
    registered: date | None
    term_start: date | None
    term_end: date | None
    status: str
    tag: str = ""
    holder_written: str | None = None
    cls_style: str = "int"
    date_styles: tuple = ("date", "date")
    term_style: str = "cn"


class Demo:
    def __init__(self, seed: int = SEED):
        self.rng = random.Random(seed)
        self.ents: dict[str, Enterprise] = {}
        self.patents: list[Patent] = []
        self.used_bodies: set[str] = set()
        self.used_titles: set[str] = set()
        self.trademarks: list[Trademark] = []
        self.used_tm: set[str] = set()
        self.madrid: list[dict] = []
        self.wellknown: list[dict] = []
        self.honours: list[dict] = []
        self.ipstd: list[dict] = []
        self.awards: list[dict] = []
        self.projects: list[dict] = []
        self.loans: list[dict] = []
        self.funds: list[dict] = []
        self.cases: list[dict] = []
        self.files: dict[str, dict] = {}
        self.story: dict[str, list] = {}

    # ------------------------------------------------------------------ enterprises
    def build_enterprises(self):
        rng = self.rng
        used: set[str] = set()
        for key, name, town, industry, area, style in ENTERPRISES:
            code = make_uscc(rng, area, style, used)
            name_q3 = RENAMED_IN_Q3.get(key, name)
            former = []
            if key in FORMER_NAMES:
                former.append(FORMER_NAMES[key])
            if key in RENAMED_IN_Q3:
                former.insert(0, name)
            self.ents[key] = Enterprise(
                key=key, name_q2=None if key in NEW_IN_Q3 else name, name_q3=name_q3, former=former,
                town=town, industry=industry, code=code,
                group=GROUP_OVERRIDE.get(key, IND_GROUP[industry]))

    def holder_name(self, hid: str, export: str, p: Patent | None = None) -> str:
        if hid.startswith("U:"):
            return hid[2:]
        e = self.ents[hid]
        if p is not None and p.former_name and hid in FORMER_NAMES:
            return FORMER_NAMES[hid]
        name = e.name_q2 if export in ("Q2", "LEGACY") and e.name_q2 else e.name_q3
        if p is not None and p.halfwidth:
            name = halfwidth_brackets(name)
        return name

    # ------------------------------------------------------------------ patent factory
    def new_body(self, year: int, ptype: str) -> str:
        rng = self.rng
        while True:
            if year >= 2004:
                hi = {"1": 1_600_000, "2": 2_999_999, "3": 899_999, "8": 89_999}[ptype]
                body = f"{year}{ptype}{rng.randint(10_000, hi):07d}"
            else:
                body = f"{year % 100:02d}{ptype}{rng.randint(10_000, 99_999):05d}"
            if body not in self.used_bodies:
                self.used_bodies.add(body)
                return body

    def title(self, group: str, ptype: str) -> str:
        rng = self.rng
        nouns, methods, utils, designs = TITLES[group]
        for _ in range(50):
            if ptype in ("1", "8"):
                form = rng.random()
                if group == "soft":
                    t = (f"基于{rng.choice(TECHS)}的{rng.choice(methods)}方法及系统" if form < 0.5 else
                         f"一种{rng.choice(methods)}方法、装置、设备及存储介质" if form < 0.8 else
                         f"一种{rng.choice(nouns)}")
                elif group in ("chem", "pharma", "food", "light"):
                    n = rng.choice(nouns)
                    t = (f"一种{n}及其制备方法" if form < 0.45 else
                         f"一种{n}的{rng.choice(methods)}方法" if form < 0.7 else
                         f"{n}在制备抗肿瘤药物中的应用" if group == "pharma" and form < 0.8 else f"一种{n}")
                else:
                    n = rng.choice(nouns)
                    t = (f"一种{n}" if form < 0.35 else
                         f"一种{n}的{rng.choice(methods)}方法" if form < 0.65 else
                         f"基于{rng.choice(TECHS)}的{rng.choice(methods)}方法" if form < 0.8 else
                         f"一种{n}及其控制方法")
            elif ptype == "2":
                t = f"一种{rng.choice(UTIL_ADJ)}{rng.choice(utils)}"
            else:
                d = rng.choice(designs)
                t = d if rng.random() < 0.5 else f"{d}（{rng.choice('ABCDEFGHKLMSTXY')}{rng.randint(1, 9)}）"
            if t not in self.used_titles:
                self.used_titles.add(t)
                return t
        return t

    def add_patent(self, ptype: str, holders: list[str], filed: date, q2: View | None, q3: View | None,
                   tag: str = "", body_year: int | None = None, group: str | None = None) -> Patent:
        rng = self.rng
        first = holders[0]
        grp = group or (self.ents[first].group if not first.startswith("U:") else "env")
        if first == f"U:{COLLEGE}":
            grp = rng.choice(["equip", "soft", "elecmach"])
        body = self.new_body(body_year or filed.year, ptype)
        p = Patent(pid=len(self.patents) + 1, body=body, ptype=ptype, title=self.title(grp, ptype),
                   filed=filed, tag=tag)
        if q2:
            p.views["Q2"] = q2
        if q3:
            p.views["Q3"] = q3
        # presentation, stable across exports
        p.date_styles = tuple(rng.choice(DATE_STYLES) for _ in range(3))
        p.show_code = not first.startswith("U:") and rng.random() < 0.6
        p.sep = "；" if rng.random() < 0.75 else "; "
        self.patents.append(p)
        return p

    # sampling helpers ------------------------------------------------------------
    def sample_filed(self, ptype: str) -> date:
        rng = self.rng
        while True:
            if ptype in ("1", "8"):
                year = rng.choices(range(2008, 2024), weights=[1, 1, 1, 1, 2, 2, 3, 3, 5, 6, 7, 8, 8, 7, 6, 5])[0]
            else:
                year = rng.choices(range(2017, 2026), weights=[2, 3, 4, 5, 6, 7, 7, 7, 5])[0]
            d = rand_date(rng, date(year, 1, 3), date(year, 12, 28))
            # keep the 10-year boundary windows and term ends around the quarter ends clean
            if date(2016, 6, 1) <= d <= date(2016, 10, 31):
                continue
            return d

    def sample_grant(self, ptype: str, filed: date) -> date:
        rng = self.rng
        lag = {"1": (480, 1400), "8": (600, 1500), "2": (150, 330), "3": (100, 250)}[ptype]
        return filed + timedelta(days=rng.randint(*lag))

    def inforce_status(self) -> str:
        return self.rng.choices(["有效", "专利权维持", "等年费滞纳金"], weights=[60, 36, 4])[0]

    def add_inforce(self, ptype: str, holders: list[str], filed: date | None = None, tag: str = "",
                    body_year: int | None = None) -> Patent:
        young = not holders[0].startswith("U:") and self.ents[holders[0]].code[8:10] == "MA"
        while True:
            f = filed or self.sample_filed(ptype)
            if young and not filed and f < date(2015, 10, 1):   # an MA-coded firm was registered after 2015
                continue
            g = self.sample_grant(ptype, f)
            if g <= date(2026, 5, 31):
                break
        st = self.inforce_status()
        st3 = "专利权维持" if st == "等年费滞纳金" else st      # the fee was paid in the quarter
        return self.add_patent(ptype, holders, f, View(list(holders), st, g), View(list(holders), st3, g),
                               tag=tag, body_year=body_year)

    def add_pending(self, holders: list[str], filed: date | None = None, in_q2: bool = True,
                    tag: str = "") -> Patent:
        rng = self.rng
        f = filed or rand_date(rng, date(2023, 3, 1), date(2024, 10, 31))
        st = rng.choices(["实质审查", "审中"], weights=[7, 3])[0]
        v2 = View(list(holders), st, None) if in_q2 else None
        return self.add_patent("1", holders, f, v2, View(list(holders), st, None), tag=tag)

    def add_dead(self, ptype: str, holders: list[str]) -> Patent:
        rng = self.rng
        young = not holders[0].startswith("U:") and self.ents[holders[0]].code[8:10] == "MA"
        while True:
            start = date(2015, 10, 1) if young else date(2008, 1, 1)
            if ptype in ("1", "8"):
                f = rand_date(rng, start, date(2019, 12, 31))
            else:
                f = rand_date(rng, start, date(2021, 5, 31))
            g = self.sample_grant(ptype, f)
            term = 20 if ptype in ("1", "8") else 10
            expiry = add_years(f, term)
            if expiry <= date(2026, 3, 31) and rng.random() < 0.7:
                status, lapse = "届满终止", expiry
            else:
                # unpaid annuity: ends at an anniversary of the filing date after grant
                years = [y for y in range(g.year + 1, 2026) if add_years(f, y - f.year) > g]
                if not years:
                    continue
                lapse = add_years(f, rng.choice(years) - f.year)
                if lapse > date(2026, 3, 31) or lapse >= expiry:
                    continue
                status = rng.choice(["未缴年费专利权终止", "未缴年费专利权终止", "失效"])
            if f.month == 2 and f.day == 29:
                continue
            shown = rng.random() < 0.6
            v = View(list(holders), status, g, lapse, shown)
            return self.add_patent(ptype, holders, f, v, View(list(holders), status, g, lapse, shown))

    # ------------------------------------------------------------------ patents
    def build_patents(self):
        rng = self.rng
        # base portfolios: (in-force inventions, utility, design, pending, dead) for the leading enterprises;
        # the story patents below add to these
        plan = {
            "E01": (11, 5, 1, 2, 2), "E02": (6, 2, 0, 1, 1), "E03": (6, 1, 1, 2, 1),
            "E04": (7, 3, 1, 2, 1), "E05": (10, 1, 1, 1, 1), "E06": (6, 3, 0, 1, 1),
            "E07": (5, 3, 1, 1, 1), "E08": (5, 2, 1, 1, 1), "E09": (3, 2, 0, 0, 1), "E10": (3, 1, 0, 1, 0),
        }
        for key in sorted(self.ents):
            if key in NEW_IN_Q3:
                continue
            if key in plan:
                n_inv, n_util, n_des, n_pend, n_dead = plan[key]
            else:
                n_inv = rng.choices([0, 1, 2, 3, 4], weights=[52, 26, 13, 6, 3])[0]
                n_util = rng.choices([0, 1, 2, 3], weights=[55, 28, 12, 5])[0]
                n_des = rng.choices([0, 1, 2], weights=[85, 12, 3])[0]
                n_pend = rng.choices([0, 1], weights=[80, 20])[0]
                n_dead = rng.choices([0, 1], weights=[72, 28])[0]
            for _ in range(n_inv):
                pt = "8" if key in ("E04", "E03", "E10", "E05") and rng.random() < 0.12 else "1"
                if pt == "8":
                    f = self.sample_filed("1")
                    self.add_inforce("8", [key], filed=f, body_year=f.year + 1)
                else:
                    self.add_inforce("1", [key])
            for _ in range(n_util):
                self.add_inforce("2", [key])
            for _ in range(n_des):
                self.add_inforce("3", [key])
            for _ in range(n_pend):
                self.add_pending([key])
            for _ in range(n_dead):
                self.add_dead(rng.choice(["1", "2", "2", "3"]), [key])

        # non-enterprise holders (count in the district total only)
        for _ in range(3):
            self.add_inforce("1", [f"U:{COLLEGE}"])
        for _ in range(2):
            self.add_inforce("2", [f"U:{COLLEGE}"])
        self.add_inforce("1", ["U:陈立新"])
        self.add_inforce("2", ["U:王海峰"])
        self.add_inforce("3", ["U:王海峰"])
        self.add_dead("2", ["U:周晓梅"])
        self.add_pending(["U:浙江工业大学", "U:陈立新"])

        # random university / individual co-holders on some base rows (do not change enterprise counts)
        base = [p for p in self.patents if not p.views["Q3"].holders[0].startswith("U:")]
        for p in rng.sample(base, 18):
            co = rng.choice(UNIVERSITIES[:4] + INDIVIDUALS[:2])
            for v in p.views.values():
                v.holders.append(f"U:{co}")
        for p in rng.sample([p for p in base if len(p.views["Q3"].holders) == 1], 4):
            co = rng.choice(UNIVERSITIES[:3])       # university first, enterprise second
            for v in p.views.values():
                v.holders.insert(0, f"U:{co}")
            p.show_code = False

        self.build_story_patents()
        self.build_old_numbers()
        self.apply_presentation()

    def build_story_patents(self):
        """The changes between the Q2 and Q3 exports, and other planted cases."""
        rng = self.rng
        S = self.story
        s = lambda k, p: S.setdefault(k, []).append(p)  # noqa: E731

        # co-held inventions
        for _ in range(2):
            s("co_held", self.add_inforce("1", ["E01", "U:浙江大学"], tag="co-held E01+浙江大学"))
        s("co_held", self.add_inforce("1", ["E04", "E10"], tag="co-held E04+E10 (both credited)"))
        s("co_held", self.add_inforce("1", ["E03", "U:中国药科大学"], tag="co-held E03+中国药科大学"))
        s("co_held", self.add_inforce("2", ["E16", "E64"], tag="co-held utility E16+E64"))
        s("co_held", self.add_inforce("2", ["E20", "U:李娜"], tag="co-held utility E20+individual"))

        # E04 patents still recorded under its former name (曾用名), no code on the row
        for _ in range(3):
            p = self.add_inforce("1", ["E04"], tag="E04 under former name")
            p.former_name, p.show_code = True, False
            s("former_name", p)

        # 10-year boundaries and PCT national phase
        p = self.add_inforce("1", ["E04"], filed=date(2016, 9, 30), tag="filed 2016-09-30: 10y reached on Q3 exactly")
        s("ten_year_boundary", p)
        p = self.add_inforce("1", ["E01"], filed=date(2016, 8, 10), tag="filed 2016-08-10: 10y at Q3, not at Q2")
        s("ten_year_boundary", p)
        p = self.add_inforce("8", ["E03"], filed=date(2016, 4, 12), body_year=2017,
                             tag="PCT national phase: number year 2017, 申请日 2016-04-12 (10y at both dates)")
        s("pct_10y", p)

        # ~10 new grants in Q3: 4 inventions pending at Q2, 6 utility/design rows new in Q3
        for key in ("E01", "E01", "E05", "E08"):
            f = rand_date(rng, date(2022, 3, 1), date(2023, 8, 31))
            p = self.add_pending([key], filed=f, tag="pending at Q2, granted in Q3")
            p.views["Q3"] = View([key], "有效", rand_date(rng, date(2026, 7, 3), date(2026, 9, 25)))
            s("new_grants_q3", p)
        for key, pt in (("E16", "2"), ("E26", "3"), ("E81", "2"), ("E34", "2"), ("E57", "3"), ("E82", "2")):
            f = rand_date(rng, date(2025, 9, 1), date(2026, 2, 28))
            g = rand_date(rng, date(2026, 7, 3), date(2026, 9, 25))
            s("new_grants_q3", self.add_patent(pt, [key], f, None, View([key], "有效", g), tag="new row in Q3, granted in Q3"))

        # new published applications in Q3
        for key in ("E01", "E04", "E05", "E10", "E12", "E14", "E16", "E22", "E41", "E56", "E81", "E03", "E02", "E06",
                    "E08", "E09", "E24", "E32", "E44", "E64"):
            f = rand_date(rng, date(2025, 1, 5), date(2025, 3, 28))
            s("new_applications_q3", self.add_pending([key], filed=f, in_q2=False, tag="new application row in Q3"))

        # two lapse without a date (Q3 status 失效): an invention of E02, a utility model of E12
        p = self.add_inforce("1", ["E02"], tag="lapsed in Q3, no date")
        p.views["Q2"].status = "等年费滞纳金"
        p.views["Q3"] = View(["E02"], "失效", p.views["Q2"].granted, None, False)
        s("lapsed_no_date_q3", p)
        p = self.add_inforce("2", ["E12"], tag="lapsed in Q3, no date")
        p.views["Q3"] = View(["E12"], "失效", p.views["Q2"].granted, None, False)
        s("lapsed_no_date_q3", p)
        # one lapses with a 失效日 in the quarter: an invention of E09
        p = self.add_inforce("1", ["E09"], tag="lapsed in Q3 with 失效日 2026-07-20")
        p.views["Q2"].status = "专利权维持"
        p.views["Q3"] = View(["E09"], "未缴年费专利权终止", p.views["Q2"].granted, date(2026, 7, 20), True)
        s("lapsed_dated_q3", p)
        # transferred out of the district (in Q2, absent from Q3)
        p = self.add_inforce("1", ["E03"], tag="transferred out: in Q2, absent from Q3")
        del p.views["Q3"]
        s("transferred_out", p)
        # transferred in (old invention, first listed in Q3)
        p = self.add_inforce("1", ["E07"], filed=date(2013, 5, 16), tag="transferred in: first listed in Q3")
        p.views["Q2"] = None
        del p.views["Q2"]
        s("transferred_in", p)
        # moved between two district enterprises
        p = self.add_inforce("1", ["E02"], tag="moved E02 -> E06")
        p.views["Q3"] = View(["E06"], "专利权维持", p.views["Q2"].granted)
        p.show_code = True
        s("moved", p)
        # a utility model whose Q3 row carries a wrong check character (warning, row kept)
        p = self.add_inforce("2", ["E12"], tag="Q3 row written with a wrong check character")
        s("wrong_check_q3", p)
        # a patent of E14 written in full-width characters in Q3
        p = self.add_inforce("1", ["E14"], tag="Q3 row in full-width digits")
        p.show_code = False
        s("fullwidth_q3", p)

    def build_old_numbers(self):
        """8-digit (pre-Oct-2003) numbers in the snapshots: all long expired."""
        S = self.story
        for key, year, ptype, shown in (("E07", 2001, "1", True), ("E07", 2002, "1", False),
                                        ("E02", 2003, "1", True), ("E13", 2001, "2", True)):
            f = rand_date(self.rng, date(year, 1, 5), date(year, 8, 30))
            g = self.sample_grant(ptype, f)
            end = add_years(f, 20 if ptype == "1" else 10)
            v = View([key], "届满终止", g, end, shown)
            p = self.add_patent(ptype, [key], f, v, View([key], "届满终止", g, end, shown), tag="old 8-digit number")
            S.setdefault("old_8digit", []).append(p)

    def apply_presentation(self):
        """Application-number styles and name variants (stable across exports)."""
        rng = self.rng
        S = self.story
        plain = [p for p in self.patents if len(p.body) == 12 and not p.tag]
        granted = [p for p in plain if p.views.get("Q3") and p.views["Q3"].granted]
        picks = rng.sample(granted, 30)
        for p in picks[:14]:
            p.no_style = "cn"
        for p in picks[14:20]:
            p.no_style = "zl"
        for p in picks[20:23]:
            p.no_style = "zl_spaced"
        for p in picks[23:27]:
            p.no_style = "nocheck"
        for p in picks[27:29]:
            p.no_style = "nodot"
        floats = [p for p in granted if p not in picks and p.chk not in ("X", "0")]
        floats[0].no_style = "float"
        S["nocheck"] = picks[23:27]
        S["float_cell"] = [floats[0]]
        for p in S["old_8digit"]:
            p.no_style = "zl" if p.body.startswith("03") else "plain"
        # full-width brackets of the enterprise list written half-width on some rows (no code on them)
        fw = [p for p in self.patents if not p.tag and self.ents.get(p.views.get("Q3", p.views.get("Q2")).holders[0])
              and "（" in self.ents[p.views.get("Q3", p.views.get("Q2")).holders[0]].name_q3]
        for p in fw[::2]:
            p.halfwidth, p.show_code = True, False
            S.setdefault("halfwidth_names", []).append(p)
        # E05 (renamed in Q3): code shown on half its rows
        for p in self.patents:
            v = p.views.get("Q3") or p.views.get("Q2")
            if v.holders[0] == "E05":
                p.show_code = p.pid % 2 == 0

    # ------------------------------------------------------------------ legacy .xls
    def build_legacy(self):
        """20 rows of an old system export: 12 overlap the snapshots, 8 are old numbers found only here."""
        rng = self.rng
        cands = [p for p in self.patents if not p.tag and p.no_style == "plain" and len(p.body) == 12
                 and "Q2" in p.views and "Q3" in p.views and p.views["Q3"].granted
                 and p.views["Q3"].granted <= date(2025, 6, 30) and p.filed <= date(2016, 1, 1)
                 and not p.halfwidth and not p.former_name
                 and p.views["Q3"].holders == p.views["Q2"].holders
                 and p.views["Q3"].holders[0] not in RENAMED_IN_Q3
                 and (p.views["Q3"].status not in DEAD_STATUSES or p.views["Q3"].lapse_shown)]
        cands.sort(key=lambda p: p.body)
        alive = [p for p in cands if p.views["Q3"].status not in DEAD_STATUSES]
        dead = [p for p in cands if p.views["Q3"].status in DEAD_STATUSES and p.views["Q3"].lapse <= LEGACY_ASOF]
        overlap = rng.sample(alive, 9) + rng.sample(dead, 3)
        for p in overlap:
            v = p.views["Q3"]
            st = "有效" if v.status not in DEAD_STATUSES else v.status
            p.views["LEGACY"] = View(list(v.holders), st, v.granted, v.lapse, v.lapse_shown)
        self.story["legacy_overlap"] = sorted(overlap, key=lambda p: p.body)
        only = []
        spec = [  # holder, filing date, type, status, body year, style
            ("E07", date(1988, 3, 14), "1", "届满终止", 1988, "nocheck88"),
            ("E13", date(1999, 6, 2), "2", "届满终止", 1999, "zl"),
            ("E02", date(2001, 4, 18), "1", "届满终止", 2001, "float_lost_zero"),
            ("E23", date(2002, 9, 9), "3", "届满终止", 2002, "plain"),
            ("E04", date(2003, 2, 20), "8", "未缴年费专利权终止", 2003, "zl"),
            ("E07", date(2005, 7, 11), "1", "未缴年费专利权终止", 2005, "zl"),
            ("E27", date(2006, 5, 23), "2", "届满终止", 2006, "plain"),
            ("E31", date(2010, 10, 8), "3", "未缴年费专利权终止", 2010, "zl"),
        ]
        for key, f, pt, status, by, style in spec:
            while True:
                body = self.new_body(by, pt)
                if style == "float_lost_zero" and pat_check(body) in ("X", "0"):
                    continue
                break
            g = self.sample_grant(pt, f)
            if status == "届满终止":
                end = add_years(f, 10 if pt in ("2", "3") else 20)
            else:
                end = add_years(f, rng.randint(4, 9))
            grp = self.ents[key].group
            p = Patent(pid=len(self.patents) + 1, body=body, ptype=pt, title=self.title(grp, pt), filed=f,
                       tag="legacy only (expired long ago)", no_style=style)
            p.views["LEGACY"] = View([key], status, g, end, True)
            p.date_styles = tuple(rng.choice(["date", "date", "iso", "int8"]) for _ in range(3))
            p.show_code = rng.random() < 0.4
            self.patents.append(p)
            only.append(p)
        self.story["legacy_only"] = only

    # ------------------------------------------------------------------ trademarks
    def brand(self, key: str) -> str:
        if key in BRAND_OVERRIDE:
            return BRAND_OVERRIDE[key]
        name = self.ents[key].name_q2 or self.ents[key].name_q3
        for pre in ("杭州", "浙江"):
            if name.startswith(pre):
                name = name[len(pre):]
        return name[:2]

    def tm_number(self, year: int) -> str:
        year = max(1998, min(2026, year))
        anchors = [(1998, 1_300_000), (2003, 3_500_000), (2006, 5_000_000), (2008, 6_500_000),
                   (2010, 8_000_000), (2011, 9_500_000), (2012, 10_500_000), (2014, 14_000_000),
                   (2016, 19_000_000), (2018, 28_000_000), (2020, 45_000_000), (2022, 62_000_000),
                   (2024, 78_000_000), (2026, 88_000_000)]
        for (y0, n0), (y1, n1) in pairwise(anchors):
            if y0 <= year <= y1:
                lo = n0 + (n1 - n0) * (year - y0) // (y1 - y0)
                hi = n0 + (n1 - n0) * (year + 1 - y0) // (y1 - y0)
                break
        while True:
            n = str(self.rng.randint(lo, max(lo + 1000, hi)))
            if n not in self.used_tm:
                self.used_tm.add(n)
                return n

    def add_tm(self, holder: str, cls: int, name: str, registered: date | None, status: str,
               renewals: int = 0, tag: str = "", applied: date | None = None, term_end: date | None = None):
        rng = self.rng
        if registered:
            applied = applied or registered - timedelta(days=rng.randint(240, 420) if registered.year >= 2016
                                                        else rng.randint(400, 900))
            term_start = add_years(registered, 10 * renewals)
            term_end = term_end or add_years(term_start, 10) - timedelta(days=1)
        else:
            term_start = None
        t = Trademark(regno=self.tm_number(applied.year), cls=cls, name=name, holder=holder, applied=applied,
                      registered=registered, term_start=term_start, term_end=term_end, status=status, tag=tag)
        t.cls_style = rng.choices(["int", "text2", "di", "cn"], weights=[60, 15, 15, 10])[0]
        t.date_styles = tuple(rng.choice(DATE_STYLES) for _ in range(2))
        t.term_style = "dots" if rng.random() < 0.06 else "cn"
        self.trademarks.append(t)
        return t

    def tm_names(self, key: str) -> list[str]:
        b = self.brand(key)
        names = [b]
        if b in PINYIN:
            names += [PINYIN[b], f"{b}{PINYIN[b]}"]
        names += [f"{b}及图", "图形"]
        return names

    def build_trademarks(self):
        rng = self.rng
        S = self.story
        # normal registered marks, in force at both dates
        counts = {"E01": 9, "E02": 6, "E03": 7, "E04": 5, "E05": 5, "E06": 4, "E07": 5, "E08": 5, "E19": 8,
                  "E55": 7, "E11": 6, "E23": 5, "E72": 5, "E46": 4, "E58": 4}
        for key in sorted(self.ents):
            if key in NEW_IN_Q3:
                continue
            n = counts.get(key, rng.choices([0, 1, 2, 3, 4], weights=[25, 20, 25, 18, 12])[0])
            classes = TM_CLASSES[self.ents[key].group]
            names = self.tm_names(key)
            young = self.ents[key].code[8:10] == "MA"
            for i in range(n):
                cls = classes[i % len(classes)] if i < len(classes) else rng.choice(classes)
                name = names[(i // len(classes)) % len(names)] if i >= len(classes) else names[0] if i < 2 else rng.choice(names)
                if rng.random() < 0.25 and not young:       # an older mark, renewed (current term shown)
                    while True:
                        reg = rand_date(rng, date(2000, 1, 5), date(2016, 5, 31))
                        k = 1 if add_years(reg, 20) > date(2026, 10, 31) else 2
                        end = add_years(reg, 10 * (k + 1)) - timedelta(days=1)
                        if not (date(2026, 5, 1) <= add_years(reg, 10 * k) <= date(2026, 11, 30)) and end > date(2026, 11, 30):
                            break
                    self.add_tm(key, cls, name, reg, "已注册", renewals=k)
                else:
                    reg = rand_date(rng, date(2016, 11, 15), date(2026, 5, 31))
                    self.add_tm(key, cls, name, reg, "已注册")
        for who in ("王海峰", "李娜"):
            self.add_tm(f"U:{who}", rng.choice([25, 30, 35]), f"{who[0]}记", rand_date(rng, date(2018, 1, 1), date(2024, 12, 31)), "已注册")

        # planted cases
        def plant(k, key, cls, reg, status, renewals=0, name=None, term_end=None):
            t = self.add_tm(key, cls, name or self.brand(key), reg, status, renewals=renewals, tag=k,
                            term_end=term_end)
            t.term_style = "cn"
            S.setdefault("tm_" + k, []).append(t)
            return t

        plant("term_ended_in_q3", "E06", 7, date(2016, 7, 14), "已注册")
        plant("term_ended_in_q3", "E29", 1, date(2016, 8, 3), "已注册")
        plant("term_ended_in_q3", "E61", 7, date(2006, 9, 5), "已注册", renewals=1)
        plant("term_ends_on_q3", "E11", 30, date(2016, 10, 1), "已注册")
        plant("term_ended_before_q2", "E20", 6, date(2016, 6, 30), "已注册")       # term ends 2026-06-29
        plant("term_ended_before_q2", "E25", 17, date(2016, 2, 16), "已注册")
        plant("renewal_starts_in_q3", "E19", 30, date(2016, 8, 20), "已注册", renewals=1)
        plant("renewal_starts_in_q3", "E07", 9, date(2006, 7, 25), "已注册", renewals=2)
        plant("invalidated_no_date", "E42", 3, date(2019, 4, 21), "无效", name="美琪")
        plant("invalidated_no_date", "E46", 29, date(2021, 11, 7), "无效")
        for key, cls, reg in (("E31", 16, date(2009, 3, 7)), ("E50", 9, date(2012, 5, 28)), ("E23", 25, date(2013, 1, 14)),
                              ("E53", 11, date(2011, 10, 21)), ("E67", 31, date(2014, 6, 7)), ("E11", 29, date(2008, 12, 14)),
                              ("E76", 16, date(2010, 2, 28)), ("E35", 44, date(2014, 9, 21))):
            plant("cancelled", key, cls, reg, "注销")
        for key in ("E01", "E03", "E05", "E10", "E16", "E24", "E81", "E82"):
            reg = rand_date(rng, date(2026, 7, 6), date(2026, 9, 27))
            plant("registered_in_q3", key, rng.choice(TM_CLASSES[self.ents[key].group]), reg, "已注册",
                  name=self.tm_names(key)[0])
        for _ in range(26):
            key = rng.choice(sorted(self.ents))
            appl = rand_date(rng, date(2025, 3, 1), date(2026, 8, 31))
            t = self.add_tm(key, rng.choice(TM_CLASSES[self.ents[key].group]), rng.choice(self.tm_names(key)),
                            None, rng.choice(["申请中", "等待实质审查", "等待实质审查"]), applied=appl, tag="pending")
            S.setdefault("tm_pending", []).append(t)
        # E05's marks: the register still shows the old name on half of them (linked via 曾用名)
        e05 = [t for t in self.trademarks if t.holder == "E05"]
        for t in e05[::2]:
            t.holder_written = self.ents["E05"].name_q2
        for t in self.trademarks:
            if t.holder == "E03" and rng.random() < 0.5:
                t.holder_written = halfwidth_brackets(self.ents["E03"].name_q3)
        self.trademarks.sort(key=lambda t: (t.holder, t.registered or date(2100, 1, 1), t.regno))

    def tm_in_force(self, t: Trademark, d: date) -> bool:
        """Part I: registered on or before D, term (as last known) not ended before D, not cancelled/invalidated
        on or before D (dead without a date = ended on the snapshot date 2026-09-30)."""
        if t.status in ("申请中", "等待实质审查") or t.registered is None or t.registered > d:
            return False
        if t.term_end < d:
            return False
        if t.status in ("注销", "无效") and Q3 <= d:
            return False
        return True

    # ------------------------------------------------------------------ Madrid, well-known
    def build_madrid(self):
        rows = [  # IR no, holder, mark, IR date, countries, status, note  (renewed IRs: see RENEWED below)
            ("1238417", "E01", "YUNXI", date(2014, 11, 20), "美国；欧盟；日本；俄罗斯联邦", "有效", "2024年续展"),
            ("1238417", "E01", "YUNXI", date(2014, 11, 20), "越南；泰国；印度尼西亚", "有效",
             "后期指定（2026年5月12日）"),
            ("1307752", "E02", "QINGSHAN", date(2016, 3, 2), "德国；意大利；韩国", "有效", "2026年续展"),
            ("1276031", "E19", "XIGU", date(2015, 4, 9), "日本；韩国；新加坡；马来西亚", "有效", "2025年续展"),
            ("1244906", "E23", "XINGHE", date(2015, 3, 10), "美国；英国", "已失效", "期满未续展"),
            ("1421388", "E03", "XIKANG", date(2018, 6, 15), "美国；欧盟；澳大利亚", "有效", ""),
            ("1465103", "E04", "HAICHENG", date(2019, 1, 24), "美国；日本；韩国；印度", "有效", ""),
            ("1529877", "E05", "SHUCE", date(2020, 4, 30), "新加坡；马来西亚；泰国", "有效", ""),
            ("1580214", "E08", "HUBIN", date(2021, 2, 8), "欧盟；英国；土耳其", "有效", ""),
            ("1612945", "E06", "LINGANG", date(2021, 9, 16), "俄罗斯联邦；哈萨克斯坦；乌兹别克斯坦", "有效", ""),
            ("1702336", "E44", "JUNENG", date(2023, 3, 3), "美国；墨西哥；巴西", "有效", ""),
            ("1856019", "E55", "YUNXIFANG", date(2026, 8, 18), "日本；新加坡；澳大利亚；新西兰", "有效", "2026年新注册"),
        ]
        for irn, key, mark, ird, ctry, status, note in rows:
            expiry = add_years(ird, 20 if irn in ("1238417", "1307752", "1276031") else 10)   # renewed IRs
            self.madrid.append(dict(irn=irn, holder=key, mark=mark, ir_date=ird, expiry=expiry,
                                    countries=ctry, status=status, note=note))

    def madrid_in_force(self, d: date) -> list[str]:
        out = set()
        for m in self.madrid:
            if m["ir_date"] <= d and m["expiry"] > d and m["status"] == "有效":
                out.add(m["irn"])
        # the expired row's own dates: expiry 2025-03-10 <= both dates, so status and dates agree
        return sorted(out)

    def build_wellknown(self):
        """Recognised marks are old, renewed registrations (recognition years after registration)."""
        bases = {  # holder: (class, registration date, renewals)
            "E01": (7, date(2003, 6, 14), 2), "E19": (30, date(2004, 9, 7), 2),
            "E02": (1, date(2008, 3, 21), 1), "E55": (33, date(2005, 4, 14), 2)}
        marks = {}
        for key, (cls, reg, k) in bases.items():
            marks[key] = self.add_tm(key, cls, self.brand(key), reg, "已注册", renewals=k, tag="well-known mark")
        self.trademarks.sort(key=lambda t: (t.holder, t.registered or date(2100, 1, 1), t.regno))
        rows = [("E01", 2015, "行政认定"), ("E19", 2012, "行政认定"), ("E02", 2018, "司法认定"),
                ("E01", 2023, "司法认定"), ("E55", 2020, "行政认定")]
        for key, year, route in rows:
            t = marks[key]
            assert t.registered.year < year
            self.wellknown.append(dict(mark=t.name, regno=t.regno, holder=key, year=year, route=route))

    # ------------------------------------------------------------------ programmes
    def build_honours(self):
        self.honours = [  # key, category, year, valid_to
            ("E01", "国家知识产权优势企业", 2020, date(2023, 7, 31)),
            ("E01", "国家知识产权示范企业", 2024, date(2027, 7, 31)),
            ("E04", "国家知识产权示范企业", 2025, date(2028, 7, 31)),
            ("E02", "国家知识产权优势企业", 2023, date(2026, 7, 31)),
            ("E03", "国家知识产权优势企业", 2024, date(2027, 7, 31)),
            ("E05", "国家知识产权优势企业", 2025, None),
            ("E06", "国家知识产权优势企业", 2024, date(2027, 7, 31)),
            ("E08", "国家知识产权优势企业", 2022, date(2025, 7, 31)),
        ]
        rng = self.rng
        keys = ["E01", "E02", "E03", "E04", "E05", "E06", "E07", "E08", "E09", "E10", "E12", "E13", "E14",
                "E16", "E21", "E22", "E24", "E26", "E30", "E34", "E36", "E44", "E56", "E64", "E77"]
        special = {"E64": date(2026, 8, 18),          # certified in Q3
                   "E30": date(2023, 8, 15),          # expires 2026-08-14 (in Q3)
                   "E36": date(2022, 3, 10), "E13": date(2022, 5, 26)}   # expired in 2025, not renewed
        serial = 1200
        for key in keys:
            issued = special.get(key)
            while issued is None:
                d = rand_date(rng, date(2023, 11, 1), date(2026, 6, 15))
                issued = d
            valid_to = add_years(issued, 3) - timedelta(days=1)
            serial += rng.randint(3, 60)
            version = "2023" if issued >= date(2024, 1, 1) else "2013"
            certno = f"165IP{issued.year % 100:02d}{serial:04d}R{0 if version == '2013' else 1}M"
            self.ipstd.append(dict(holder=key, certno=certno, issued=issued, valid_to=valid_to))
        self.ipstd.sort(key=lambda r: r["issued"])

    def build_awards(self):
        def pick(key, year):
            for p in self.patents:
                v = p.views.get("Q3")
                if v and p.is_invention and not p.tag and v.holders[0] == key and v.status in IN_FORCE_STATUSES \
                        and v.granted and v.granted.year <= year - 2:
                    return p
            raise LookupError(key)
        util06 = next(p for p in self.patents if p.ptype == "2" and not p.tag and p.views.get("Q3")
                      and p.views["Q3"].holders == ["E06"] and p.views["Q3"].status in IN_FORCE_STATUSES
                      and p.views["Q3"].granted.year <= 2020)
        rows = [("E06", "优秀奖", "第二十三届", 2022, util06), ("E04", "优秀奖", "第二十四届", 2023, pick("E04", 2023)),
                ("E01", "金奖", "第二十五届", 2024, pick("E01", 2024)), ("E03", "优秀奖", "第二十五届", 2024, pick("E03", 2024)),
                ("E05", "银奖", "第二十六届", 2025, pick("E05", 2025)), ("E02", "优秀奖", "第二十六届", 2025, pick("E02", 2025))]
        for key, level, session, year, p in rows:
            self.awards.append(dict(holder=key, level=level, session=session, year=year, patent=p))

    def build_projects(self):
        E = self.ents
        self.projects = [  # name, type, kind, level, lead, year, approval date, status, amount
            ("云溪区智能装备产业专利导航", "专利导航", "产业", "区级", BUREAU, 2026, date(2026, 4, 15), "立项", 30),
            (f"{E['E01'].name_q3}企业运营类专利导航", "专利导航", "企业", "省级", E["E01"].name_q3, 2026,
             date(2026, 7, 8), "在建", 50),
            (f"{E['E04'].name_q3}企业运营类专利导航", "专利导航", "企业", "市级", E["E04"].name_q3, 2026, None, "立项", 20),
            ("云溪区生物医药产业专利导航", "专利导航", "产业", "市级", BUREAU, 2025, date(2025, 6, 20), "已验收", 40),
            ("云溪区区域规划类专利导航", "专利导航", "区域", "省级", "云溪区人民政府", 2026, date(2026, 9, 12), "立项", 60),
            (f"{E['E02'].name_q3}企业专利导航", "专利导航", "企业", "区级", E["E02"].name_q3, 2026, None, "推荐", None),
            (f"{E['E06'].name_q3}企业专利导航", "专利导航", "企业", "区级", E["E06"].name_q3, 2026, None, "拟立项", 10),
            (f"{E['E08'].name_q3}企业专利导航", "专利导航", "企业", "区级", E["E08"].name_q3, 2024, date(2024, 5, 30),
             "已验收", 15),
            ("高端智能装备高价值专利组合培育", "高价值专利组合培育", "", "省级", f"{E['E01'].name_q3}；浙江大学", 2026,
             date(2026, 5, 20), "立项", 100),
            ("创新药物高价值专利组合培育", "高价值专利组合培育", "", "市级", E["E03"].name_q3, 2025, None, "在建", 50),
            ("新型显示器件高价值专利组合培育", "高价值专利组合培育", "", "市级", E["E08"].name_q3, 2026, None, "推荐", None),
        ]

    def build_loans(self):
        rng = self.rng
        # pledgors and their in-force patents at the time
        def own_patents(key, d):
            out = []
            for p in self.patents:
                v = p.views.get("Q2") or p.views.get("Q3")
                if v and key in v.holders and v.status in IN_FORCE_STATUSES and v.granted and v.granted < d \
                        and p.views.get("Q3") and p.views["Q3"].status in IN_FORCE_STATUSES and not p.tag:
                    out.append(p)
            return out

        def own_marks(key):
            return [t for t in self.trademarks if t.holder == key and not t.tag and self.tm_in_force(t, Q2)]

        candidates = [k for k in sorted(self.ents) if k not in NEW_IN_Q3 and len(own_patents(k, date(2026, 1, 1))) >= 2]
        amounts = [100, 150, 200, 300, 300, 500, 500, 600, 800, 1000, 1000, 1200, 1500]
        dates = ([rand_date(rng, date(2026, 1, 6), date(2026, 3, 30)) for _ in range(9)] +
                 [rand_date(rng, date(2026, 4, 2), date(2026, 6, 29)) for _ in range(10)] +
                 [rand_date(rng, date(2026, 7, 2), date(2026, 9, 29)) for _ in range(11)])
        dates.sort()
        dates.insert(0, date(2025, 12, 26))      # booked in the 2026 ledger, registered in 2025
        pledgors = [rng.choice(candidates[:12]) if rng.random() < 0.5 else rng.choice(candidates) for _ in dates]
        pledgors[5] = "E01"                       # the 5-patent loan
        serial = 0
        for i, (d, key) in enumerate(zip(dates, pledgors, strict=False)):
            serial += rng.randint(3, 40)
            amt = rng.choice(amounts)
            pats = own_patents(key, d)
            marks = own_marks(key)
            if i == 5:
                kind, items = "专利", rng.sample(pats, 5)
                amt = 3000
            else:
                kind = rng.choices(["专利", "商标", "专利+商标"], weights=[70, 15, 15])[0]
                if kind != "专利" and not marks:
                    kind = "专利"
                items = []
                if kind in ("专利", "专利+商标"):
                    items += rng.sample(pats, min(len(pats), rng.choice([1, 1, 2, 2, 3])))
                if kind in ("商标", "专利+商标"):
                    items += rng.sample(marks, min(len(marks), rng.choice([1, 2])))
            years = rng.choice([1, 1, 1, 2, 3])
            end = add_years(d, years) - timedelta(days=1)
            regno = (f"Y{d.year}330000{serial:04d}" if kind != "商标" else f"{d.year}商质登字第{serial:04d}号")
            self.loans.append(dict(pledgor=key, bank=rng.choice(BANKS), amount=amt, date=d, regno=regno,
                                   start=d, end=end, kind=kind, items=items))
        self.loans[12]["amount_written"] = "500万元"
        self.loans[12]["amount"] = 500
        self.loans[20]["amount_written"] = "0.12亿元"
        self.loans[20]["amount"] = 1200

    def build_funds(self):
        rng = self.rng
        rows = [("E01", "国家知识产权示范企业奖励", 50), ("E04", "国家知识产权示范企业奖励", 50),
                ("E03", "国家知识产权优势企业奖励", 20), ("E06", "国家知识产权优势企业奖励", 20),
                ("E05", "国家知识产权优势企业奖励", 20), ("E64", "贯标补助", 8), ("E22", "贯标补助", 8),
                ("E24", "贯标补助", 8), ("E01", "专利导航项目资助", 25), ("E04", "专利导航项目资助", 10),
                ("E01", "高价值专利组合培育资助", 50), ("E19", "马德里商标国际注册资助", 3),
                ("E55", "马德里商标国际注册资助", 3), ("E02", "中国专利奖配套奖励", 20),
                ("E05", "中国专利奖配套奖励", 30)]
        for key, cat, amt in rows:
            self.funds.append(dict(holder=key, category=cat, amount=amt))
        # pledge-interest subsidies for a few 2025/2026 loans
        for ln in self.loans[1:8:2]:
            self.funds.append(dict(holder=ln["pledgor"], category="质押融资贴息", amount=rng.choice([3, 5, 6, 8, 12])))

    def build_cases(self):
        rng = self.rng
        shops = [("云溪区城东恒发日用品商行", "美琪"), ("云溪区白沙镇鑫源五金店", "精锻"),
                 ("杭州青山佳佳副食品超市", "禾润"), ("云溪区滨江惠民药房", "溪康"), ("杭州湖滨时尚服饰店", "星河"),
                 ("云溪区城西老周茶叶店", "溪谷"), ("杭州临港宏达汽配经营部", "恒拓"), ("云溪区青山镇万福酒行", "云溪坊"),
                 ("杭州云溪优品电子商行", "巨能"), ("云溪区高新园区捷达通讯器材店", "海澄"),
                 ("杭州白沙美佳化妆品店", "美琪"), ("云溪区城东小陈服装店", "溪裳"), ("杭州滨江益康保健品店", "利康"),
                 ("云溪区湖滨天天数码店", "巨能"), ("杭州城西锦绣家纺店", "星河")]
        plan = [  # open date, close date or None, type
            (date(2025, 11, 12), date(2026, 2, 10), "侵权假冒"), (date(2025, 12, 3), date(2026, 3, 19), "一般违法"),
            (date(2026, 1, 15), date(2026, 3, 27), "侵权假冒"), (date(2026, 2, 24), date(2026, 5, 8), "侵权假冒"),
            (date(2026, 3, 10), date(2026, 6, 12), "一般违法"), (date(2026, 4, 2), date(2026, 6, 26), "侵权假冒"),
            (date(2026, 4, 20), date(2026, 7, 9), "侵权假冒"), (date(2026, 5, 6), date(2026, 8, 4), "侵权假冒"),
            (date(2026, 5, 28), date(2026, 8, 21), "一般违法"), (date(2026, 6, 17), date(2026, 9, 11), "侵权假冒"),
            (date(2026, 7, 21), date(2026, 9, 29), "侵权假冒"), (date(2026, 8, 5), None, "侵权假冒"),
            (date(2026, 9, 2), None, "一般违法"), (date(2026, 9, 18), None, "侵权假冒"),
            (date(2025, 6, 11), date(2025, 9, 2), "侵权假冒"),
        ]
        plan.sort(key=lambda r: r[0])
        seq = {2025: 40, 2026: 0}
        for (opened, closed, kind), (shop, brand) in zip(plan, shops, strict=False):
            seq[opened.year] += rng.randint(1, 6)
            if kind == "侵权假冒":
                title = f"{shop}销售侵犯“{brand}”注册商标专用权商品案"
            else:
                title = rng.choice([f"{shop}将未注册商标冒充注册商标使用案",
                                    f"{shop}违反商标使用管理规定案", f"{shop}商品标注“驰名商标”字样案"])
            value = round(rng.uniform(0.3, 25), 2)
            fine = round(value * rng.uniform(0.5, 3), 2) if closed else None
            self.cases.append(dict(no=f"云市监立字〔{opened.year}〕{seq[opened.year]:03d}号", title=title,
                                   party=shop, kind=kind, opened=opened, closed=closed, value=value, fine=fine,
                                   date_style=rng.choice(["iso", "iso", "slash_text", "cn"])))

    # =================================================================== ground truth
    def patent_imports(self):
        """(export key, as-of date, complete snapshot?)"""
        return [("LEGACY", LEGACY_ASOF, False), ("Q2", Q2, True), ("Q3", Q3, True)]

    def patent_state(self, p: Patent, d: date):
        """Part I: the register as of D (snapshot rule), then the latest observation on or before D."""
        imps = self.patent_imports()
        snaps = [(k, a) for k, a, s in imps if s and a <= d]
        if snaps:
            sk, sa = max(snaps, key=lambda x: x[1])
            listed = sk in p.views or any(k in p.views for k, a, s in imps if not s and sa < a <= d)
            if not listed:
                return None
        obs = [(a, k) for k, a, s in imps if k in p.views and a <= d]
        if not obs:
            obs = [min((a, k) for k, a, s in imps if k in p.views)]
        a, k = max(obs)
        return p.views[k], a

    def patent_in_force(self, p: Patent, d: date) -> tuple[bool, View | None]:
        st = self.patent_state(p, d)
        if st is None:
            return False, None
        v, asof = st
        if v.status in PENDING_STATUSES or v.granted is None or v.granted > d:
            return False, v
        end = v.lapse if (v.lapse and v.lapse_shown) else None
        if v.status in DEAD_STATUSES and end is None:
            end = asof
        if end is not None and end <= d:
            return False, v
        return True, v

    def figures_at(self, d: date) -> dict:
        inv, inv10, all_types = [], [], {"1": [], "8": [], "2": [], "3": []}
        for p in self.patents:
            ok, _ = self.patent_in_force(p, d)
            if not ok:
                continue
            all_types[p.ptype].append(p.body)
            if p.is_invention:
                inv.append(p.body)
                if d >= add_years(p.filed, 10):
                    inv10.append(p.body)
        tm = [f"{t.regno}/{t.cls}" for t in self.trademarks if self.tm_in_force(t, d)]
        wk = sorted({w["regno"] for w in self.wellknown if w["year"] <= d.year})
        std = sorted({r["holder"] for r in self.ipstd if r["issued"] <= d and not r["valid_to"] < d})

        def holding(cat):
            return sorted({k for k, c, y, vt in self.honours if c == cat and y <= d.year and (vt is None or vt >= d)})
        return {
            "invention_patents": len(inv),
            "invention_patents_10y": len(inv10),
            "patents_in_force": sum(len(v) for v in all_types.values()),
            "patents_in_force_by_type": {"发明": len(all_types["1"]) + len(all_types["8"]),
                                         "实用新型": len(all_types["2"]), "外观设计": len(all_types["3"])},
            "pct_route_invention_patents": len(all_types["8"]),
            "trademarks_registered": len(tm),
            "madrid_registrations": len(self.madrid_in_force(d)),
            "well_known_marks": len(wk),
            "ip_standard_enterprises": len(std),
            "national_demo_enterprises": len(holding("国家知识产权示范企业")),
            "national_advantage_enterprises": len(holding("国家知识产权优势企业")),
            "_lists": {"invention_patents_10y": sorted(inv10), "madrid": self.madrid_in_force(d),
                       "ip_standard_enterprises": [self.ents[k].code for k in std],
                       "national_demo_enterprises": [self.ents[k].code for k in holding("国家知识产权示范企业")],
                       "national_advantage_enterprises": [self.ents[k].code for k in holding("国家知识产权优势企业")]},
        }

    def enterprise_inventions(self, d: date) -> dict[str, int]:
        counts: dict[str, set] = {}
        for p in self.patents:
            ok, v = self.patent_in_force(p, d)
            if ok and p.is_invention:
                for h in v.holders:
                    if not h.startswith("U:"):
                        counts.setdefault(h, set()).add(p.body)
        return {k: len(v) for k, v in counts.items()}

    def ranking(self, d: date, top: int = 5) -> list[dict]:
        counts = self.enterprise_inventions(d)
        rows = sorted(counts.items(), key=lambda kv: (-kv[1], self.ents[kv[0]].name_at(d)))
        out, rank = [], 0
        for i, (k, n) in enumerate(rows):
            if i == 0 or n != rows[i - 1][1]:
                rank = i + 1
            if rank > top:
                break
            out.append({"rank": rank, "code": self.ents[k].code, "name": self.ents[k].name_at(d), "value": n})
        # the demo keeps the top-5 boundary clear of ties
        assert len(out) == top and rows[top][1] < rows[top - 1][1], rows[:8]
        return out

    def by_town(self, d: date) -> dict[str, int]:
        sets = {t: set() for t in TOWNS}
        for p in self.patents:
            ok, v = self.patent_in_force(p, d)
            if ok and p.is_invention:
                for h in v.holders:
                    if not h.startswith("U:"):
                        sets[self.ents[h].town].add(p.body)
        return {t: len(s) for t, s in sets.items()}

    def flows(self, a: date, b: date) -> dict:
        loans = [ln for ln in self.loans if a <= ln["date"] <= b]
        grants = sorted({p.body for p in self.patents for k, v in p.views.items()
                         if k in ("Q2", "Q3") and v.granted and a <= v.granted <= b})
        closed = [c for c in self.cases if c["closed"] and a <= c["closed"] <= b]
        return {"period": [a.isoformat(), b.isoformat()],
                "pledge_amount_wan": sum(ln["amount"] for ln in loans),
                "pledge_loans": len(loans),
                "pledge_enterprises": len({ln["pledgor"] for ln in loans}),
                "patent_grants": len(grants),
                "trademark_cases_closed": len(closed)}


# =============================================================================
# Writers
# =============================================================================

THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def put(ws, r: int, c: int, v):
    cell = ws.cell(row=r, column=c)
    if isinstance(v, Fmt):
        cell.value = v.value
        cell.number_format = v.number_format
    else:
        cell.value = v
    return cell


def write_sheet(ws, headers, rows, *, title=None, unit_line=None, total=None, notes=(), widths=None):
    """Title row (merged), optional 填报单位 row, header, data, optional 合计 row, note rows.
    Returns (header_row, first_data_row)."""
    n = len(headers)
    r = 1
    if title:
        c = put(ws, r, 1, title)
        c.font = Font(name="宋体", size=14, bold=True)
        c.alignment = Alignment(horizontal="center", vertical="center")
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=n)
        ws.row_dimensions[r].height = 28
        r += 1
    if unit_line:
        put(ws, r, 1, unit_line).font = Font(name="宋体", size=10)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=n)
        r += 1
    header_row = r
    for j, h in enumerate(headers, 1):
        c = put(ws, r, j, h)
        c.font = Font(name="宋体", bold=True)
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        c.border = BORDER
    r += 1
    first = r
    for row in rows:
        for j, v in enumerate(row, 1):
            put(ws, r, j, v).border = BORDER
        r += 1
    if total:
        for j, v in enumerate(total, 1):
            c = put(ws, r, j, v)
            c.border = BORDER
            c.font = Font(bold=True)
        r += 1
    for note in notes:
        put(ws, r, 1, note).font = Font(size=9)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=n)
        r += 1
    for j in range(1, n + 1):
        ws.column_dimensions[get_column_letter(j)].width = (widths or {}).get(j, 14)
    ws.freeze_panes = ws.cell(row=first, column=1)
    return header_row, first


def new_wb() -> Workbook:
    wb = Workbook()
    wb.properties.creator = BUREAU
    wb.properties.lastModifiedBy = BUREAU
    wb.properties.created = FIXED_DT
    wb.properties.modified = FIXED_DT
    return wb


def save_wb(wb: Workbook, path: Path):
    """Save with fixed timestamps (core.xml and zip entries) so that reruns are byte-identical."""
    buf = io.BytesIO()
    wb.save(buf)
    zin = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              rb"\g<1>2026-10-08T09:00:00Z\g<2>", data)
            zi = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o600 << 16
            zout.writestr(zi, data)


def cn_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


class Writer:
    def __init__(self, demo: Demo, out: Path):
        self.d = demo
        self.out = out
        self.facts = demo.files

    # ------------------------------------------------------------------ enterprise lists
    def enterprise_list(self, export: str):
        d = self.d
        asof = Q2 if export == "Q2" else Q3
        fname = f"企业名录_2026{export}.xlsx"
        ents = [e for e in d.ents.values() if export == "Q3" or e.name_q2]
        ents.sort(key=lambda e: (TOWNS.index(e.town), e.key))
        rows = []
        for i, e in enumerate(ents, 1):
            name = e.name_q2 if export == "Q2" else e.name_q3
            former = [f for f in e.former if f != name] if export == "Q3" else \
                [FORMER_NAMES[e.key]] if e.key in FORMER_NAMES else []
            rows.append([i, name, e.code, "；".join(former) or None, e.town, e.industry])
        wb = new_wb()
        ws = wb.active
        ws.title = "企业名录"
        write_sheet(ws, ["序号", "企业名称", "统一社会信用代码", "曾用名", "所属街道", "行业"], rows,
                    title=f"{DISTRICT}知识产权重点企业名录（截至{cn_date(asof)}）",
                    unit_line=f"填报单位：{BUREAU}（知识产权科）",
                    notes=["注：1.所属街道按企业实际经营地址划分；2.行业按《国民经济行业分类》（GB/T 4754-2017）大类填写。"],
                    widths={2: 36, 3: 22, 4: 30, 5: 12, 6: 34})
        save_wb(wb, self.out / fname)
        self.facts[fname] = {"sheet": "企业名录", "as_of": asof.isoformat(), "header_row": 3, "first_data_row": 4,
                             "data_rows": len(rows), "rejects": [], "warnings": []}

    # ------------------------------------------------------------------ patent lists
    def app_no_text(self, p: Patent, export: str):
        b, c = p.body, p.chk
        st = p.no_style
        if export == "LEGACY":
            if st == "nocheck88":
                return b
            if st == "float_lost_zero":
                return float(f"{b}.{c}")            # 01xxxxxx.c stored as a number -> 1xxxxxx.c
            if st == "zl":
                return f"ZL{b}.{c}"
            return f"{b}.{c}"
        if st == "cn":
            return f"CN{b}.{c}"
        if st == "zl":
            return f"ZL{b}.{c}"
        if st == "zl_spaced":
            return f"ZL {b[:4]} {b[4]} {b[5:]}.{c}"
        if st == "nocheck":
            return b
        if st == "nodot":
            return f"{b}{c}"
        if st == "float":
            return Fmt(float(f"{b}.{c}"), "0.0")
        return f"{b}.{c}"

    def patent_row(self, p: Patent, export: str):
        v = p.views[export]
        names = [self.d.holder_name(h, export, p) for h in v.holders]
        first = v.holders[0]
        code = self.d.ents[first].code if (p.show_code and not first.startswith("U:")) else None
        ds = p.date_styles
        lapse = date_value(v.lapse, ds[2]) if (v.lapse and v.lapse_shown) else None
        return [self.app_no_text(p, export), p.title, PATENT_TYPE_NAME[p.ptype], date_value(p.filed, ds[0]),
                date_value(v.granted, ds[1]), v.status, lapse, p.sep.join(names), code]

    def patent_list(self, export: str):
        d = self.d
        asof = Q2 if export == "Q2" else Q3
        fname = f"专利清单_2026{export}.xlsx"
        pats = sorted([p for p in d.patents if export in p.views], key=lambda p: (p.filed.year, p.body))
        rows, meta = [], []
        for p in pats:
            rows.append(self.patent_row(p, export))
            meta.append(("patent", p))
        rejects, warnings, dups = [], [], []
        if export == "Q3":
            S = d.story
            # wrong check char on one row
            wp = S["wrong_check_q3"][0]
            i = meta.index(("patent", wp))
            good = wp.chk
            bad = str((int(good) + 3) % 10) if good != "X" else "4"
            rows[i][0] = f"{wp.body}.{bad}"
            # full-width digits on one row
            fp = S["fullwidth_q3"][0]
            i = meta.index(("patent", fp))
            rows[i][0] = to_fullwidth(f"{fp.body}.{fp.chk}")
            # duplicate row right after an E01 invention
            dp = next(p for p in pats if p.is_invention and p.views["Q3"].holders == ["E01"] and not p.tag
                      and p.no_style == "plain")
            i = meta.index(("patent", dp))
            rows.insert(i + 1, list(rows[i]))
            meta.insert(i + 1, ("duplicate", dp))
            # letters inside the number (reject)
            i = next(k for k, (t, p) in enumerate(meta) if t == "patent" and p.filed.year == 2021) + 3
            rows.insert(i, ["CN2021A0123456", "一种基于多模态数据的用户意图识别方法", "发明",
                            Fmt(date(2021, 6, 17), "yyyy-mm-dd"), Fmt(date(2023, 11, 3), "yyyy-mm-dd"), "有效", None,
                            d.ents["E14"].name_q3, d.ents["E14"].code])
            meta.insert(i, ("reject_letters", None))
            # empty application number (reject)
            i = len(rows) - 7
            rows.insert(i, [None, "一种电池包液冷板及其加工方法", "发明", Fmt(date(2024, 3, 8), "yyyy-mm-dd"), None,
                            "实质审查", None, d.ents["E44"].name_q3, d.ents["E44"].code])
            meta.insert(i, ("reject_empty", None))
        header_row = 3 if export == "Q3" else 2
        first = header_row + 1
        for k, (t, p) in enumerate(meta):
            excel_row = first + k
            if t == "reject_letters":
                rejects.append({"row": excel_row, "column": "申请号", "value": "CN2021A0123456",
                                "reason": "letters where digits belong: not an application number",
                                "reason_zh": "申请号中含字母，不是合法申请号"})
            elif t == "reject_empty":
                rejects.append({"row": excel_row, "column": "申请号", "value": "",
                                "reason": "empty application number (other cells filled)",
                                "reason_zh": "申请号为空（其他单元格有内容）"})
            elif t == "duplicate":
                dups.append({"row": excel_row, "duplicate_of_row": excel_row - 1, "application_no": f"{p.body}.{p.chk}"})
            elif p in d.story.get("wrong_check_q3", []) and export == "Q3":
                warnings.append({"row": excel_row, "column": "申请号", "value": rows[k][0],
                                 "reason": f"check character mismatch (computed {p.chk}); row kept"})
        rows = [[k + 1, *r] for k, r in enumerate(rows)]
        wb = new_wb()
        ws = wb.active
        ws.title = "专利清单" if export == "Q3" else "Sheet1"
        write_sheet(ws, ["序号", "申请号", "专利名称", "专利类型", "申请日", "授权公告日", "法律状态", "失效日", "专利权人",
                         "统一社会信用代码"], rows,
                    title=f"{DISTRICT}专利清单（截至{cn_date(asof)}）",
                    unit_line=f"填报单位：{BUREAU}　　　　单位：件" if export == "Q3" else None,
                    notes=[f"注：1.数据来源于国家知识产权局中国专利数据库，由市知识产权局下发；"
                           f"2.本表为截至{cn_date(asof)}专利权人（申请人）地址在{DISTRICT}的全部专利，含审中及失效专利。",
                           "制表：区市场监管局知识产权科"],
                    widths={2: 24, 3: 44, 4: 10, 5: 12, 6: 12, 7: 18, 8: 12, 9: 48, 10: 22})
        save_wb(wb, self.out / fname)
        note_rows = lambda ps: [first + k for k, (t, p) in enumerate(meta) if t == "patent" and p in ps]  # noqa: E731
        self.facts[fname] = {
            "sheet": ws.title, "as_of": asof.isoformat(), "complete_snapshot": True,
            "header_row": header_row, "first_data_row": first, "data_rows": len(rows),
            "stored_rows": len(rows) - len(rejects), "distinct_patents": len(pats),
            "rejects": rejects, "warnings": warnings, "duplicates": dups,
            "other_mess_rows": {
                "application_no_without_check_char": note_rows(d.story["nocheck"]),
                "application_no_as_number_cell": note_rows(d.story["float_cell"]),
                "holder_with_halfwidth_brackets": note_rows(d.story.get("halfwidth_names", [])),
                "holder_under_former_name": note_rows(d.story["former_name"]),
                "old_8digit_numbers": note_rows(d.story["old_8digit"]),
                **({"fullwidth_application_no": note_rows(d.story["fullwidth_q3"])} if export == "Q3" else {}),
            },
        }

    def legacy_xls(self):
        d = self.d
        fname = "专利清单_补充_老系统导出.xls"
        pats = d.story["legacy_overlap"] + d.story["legacy_only"]
        pats = sorted(pats, key=lambda p: (p.filed, p.body))
        wb = xlwt.Workbook(encoding="utf-8")
        ws = wb.add_sheet("导出数据")
        hdr = xlwt.easyxf("font: bold on; align: horiz center")
        dstyle = xlwt.easyxf(num_format_str="YYYY-MM-DD")
        headers = ["序号", "专利号", "专利名称", "专利类型", "申请日", "授权公告日", "法律状态", "失效日", "权利人",
                   "统一社会信用代码"]
        for j, h in enumerate(headers):
            ws.write(0, j, h, hdr)
            ws.col(j).width = 256 * (40 if h in ("专利名称", "权利人") else 16)
        warnings, notes = [], {}
        for i, p in enumerate(pats, 1):
            v = p.views["LEGACY"]
            first = v.holders[0]
            code = d.ents[first].code if (p.show_code and not first.startswith("U:")) else ""
            vals = [i, self.app_no_text(p, "LEGACY"), p.title, PATENT_TYPE_NAME[p.ptype]]
            for j, dd in enumerate([p.filed, v.granted]):
                vals.append(self.xls_date(dd, p.date_styles[j]))
            vals.append(v.status)
            vals.append(self.xls_date(v.lapse, p.date_styles[2]) if v.lapse_shown else None)
            vals.append("；".join(d.holder_name(h, "LEGACY", p) for h in v.holders))
            vals.append(code)
            for j, val in enumerate(vals):
                if isinstance(val, Fmt):
                    ws.write(i, j, val.value, dstyle)
                elif val is not None:
                    ws.write(i, j, val)
            if p.no_style == "float_lost_zero":
                warnings.append({"row": i + 1, "column": "专利号", "value": vals[1],
                                 "reason": f"number cell lost its leading zero: {vals[1]} is {p.body}.{p.chk} "
                                           "(pad to 8 digits: year 01, type 1, passes the check) - flag"})
            if p.no_style == "nocheck88":
                notes["1988_number_without_check_char"] = [i + 1]
        buf = io.BytesIO()
        wb.save(buf)
        (self.out / fname).write_bytes(buf.getvalue())
        self.facts[fname] = {
            "sheet": "导出数据", "as_of": LEGACY_ASOF.isoformat(), "complete_snapshot": False,
            "header_row": 1, "first_data_row": 2, "data_rows": len(pats), "rejects": [], "warnings": warnings,
            "other_mess_rows": notes,
            "note": ("no title row; 专利号 / 权利人 headers; 12 rows repeat patents of the snapshots with identical "
                     "status/holders/dates, 8 rows are old patents found only here, all expired (失效日 given) before "
                     "2026, so this file changes no figure at 2026-06-30 / 2026-09-30 whatever as-of it is given"),
        }

    @staticmethod
    def xls_date(dd, style):
        if dd is None:
            return None
        if style in ("date", "date_slash"):
            return Fmt(dd, "")
        if style == "iso":
            return dd.isoformat()
        if style == "int8":
            return int(dd.strftime("%Y%m%d"))
        return Fmt(dd, "")

    # ------------------------------------------------------------------ trademarks
    def trademark_list(self):
        d = self.d
        fname = "商标清单_2026Q3.xlsx"
        rows = []
        for i, t in enumerate(d.trademarks, 1):
            cls = {"int": t.cls, "text2": f"{t.cls:02d}", "di": f"第{t.cls}类", "cn": f"第{cn_numeral(t.cls)}类"}[t.cls_style]
            if t.term_start:
                if t.term_style == "dots":
                    term = f"{t.term_start:%Y.%m.%d}-{t.term_end:%Y.%m.%d}"
                else:
                    term = f"{t.term_start:%Y年%m月%d日} 至 {t.term_end:%Y年%m月%d日}"
            else:
                term = None
            holder = t.holder_written or d.holder_name(t.holder, "Q3")
            rows.append([i, t.regno, cls, t.name, holder, date_value(t.applied, t.date_styles[0]),
                         date_value(t.registered, t.date_styles[1]), term, t.status])
        wb = new_wb()
        ws = wb.active
        ws.title = "商标"
        write_sheet(ws, ["序号", "注册号", "国际分类", "商标名称", "注册人", "申请日期", "注册公告日期", "专用权期限", "商标状态"],
                    rows, title=f"{DISTRICT}企业注册商标清单（截至{cn_date(Q3)}）",
                    notes=["注：数据来源于国家知识产权局商标局中国商标网，按注册人地址检索；申请中商标无注册公告日期及专用权期限。"],
                    widths={2: 12, 3: 10, 4: 16, 5: 36, 6: 14, 7: 14, 8: 34, 9: 14})
        save_wb(wb, self.out / fname)
        S = d.story
        rownum = {id(t): 2 + k for k, t in enumerate(d.trademarks, 1)}
        self.facts[fname] = {
            "sheet": "商标", "as_of": Q3.isoformat(), "complete_snapshot": True, "header_row": 2, "first_data_row": 3,
            "data_rows": len(rows), "rejects": [], "warnings": [],
            "planted_rows": {k[3:]: sorted(rownum[id(t)] for t in v) for k, v in S.items()
                             if k.startswith("tm_") and k != "tm_pending"},
            "pending_rows": len(S["tm_pending"]),
            "class_written_as": "9 (number), '09', '第9类', '第三十五类' (Chinese numerals)",
        }

    def madrid_list(self):
        d = self.d
        fname = "马德里国际商标_2026.xlsx"
        rows = []
        for i, m in enumerate(d.madrid, 1):
            rows.append([i, m["irn"], m["mark"], d.ents[m["holder"]].name_q3, date_value(m["ir_date"], "date"),
                         date_value(m["expiry"], "date") if i != 4 else cn_date(m["expiry"]), m["countries"],
                         m["status"], m["note"] or None])
        wb = new_wb()
        ws = wb.active
        ws.title = "马德里"
        write_sheet(ws, ["序号", "国际注册号", "商标名称", "注册人", "国际注册日期", "到期日期", "指定国家", "状态", "备注"], rows,
                    title=f"{DISTRICT}马德里商标国际注册情况（截至{cn_date(Q3)}）",
                    notes=["注：同一国际注册号的后期指定单列一行，不作为新的国际注册。"],
                    widths={4: 34, 7: 40, 9: 24})
        save_wb(wb, self.out / fname)
        self.facts[fname] = {"sheet": "马德里", "as_of": Q3.isoformat(), "complete_snapshot": False,
                             "header_row": 2, "first_data_row": 3, "data_rows": len(rows),
                             "distinct_registrations": len({m["irn"] for m in d.madrid}),
                             "subsequent_designation_row": 4, "rejects": [], "warnings": []}

    def wellknown_list(self):
        d = self.d
        fname = "驰名商标名单.xlsx"
        rows = [[i, w["mark"], w["regno"], d.ents[w["holder"]].name_q3, w["year"], w["route"]]
                for i, w in enumerate(d.wellknown, 1)]
        wb = new_wb()
        ws = wb.active
        ws.title = "驰名商标"
        write_sheet(ws, ["序号", "商标名称", "注册号", "企业名称", "认定年份", "认定途径"], rows,
                    title=f"{DISTRICT}中国驰名商标名单",
                    notes=["注：驰名商标系个案认定、被动保护，同一商标多次认定的分别列示。"], widths={4: 34})
        save_wb(wb, self.out / fname)
        self.facts[fname] = {"sheet": "驰名商标", "header_row": 2, "first_data_row": 3, "data_rows": len(rows),
                             "distinct_marks": len({w["regno"] for w in d.wellknown}), "rejects": [], "warnings": []}

    # ------------------------------------------------------------------ honours
    def honours(self):
        d = self.d
        fname = "知识产权荣誉企业名单.xlsx"
        wb = new_wb()
        ws = wb.active
        ws.title = "示范优势企业"
        rows = [[i, d.ents[k].name_q3, d.ents[k].code, cat, y, date_value(vt, "date") if vt else None]
                for i, (k, cat, y, vt) in enumerate(d.honours, 1)]
        write_sheet(ws, ["序号", "企业名称", "统一社会信用代码", "类别", "认定年度", "有效期至"], rows,
                    title=f"{DISTRICT}国家知识产权示范企业和优势企业名单（截至{cn_date(Q3)}）",
                    notes=["注：有效期为空的，以国家知识产权局公布文件为准。"], widths={2: 36, 3: 22, 4: 24})
        ws2 = wb.create_sheet("贯标企业")
        rows2 = self.ipstd_rows(with_category=True)
        write_sheet(ws2, ["序号", "企业名称", "统一社会信用代码", "类别", "证书编号", "发证日期", "有效期至"], rows2,
                    title=f"{DISTRICT}知识产权贯标（GB/T 29490）认证企业名单（截至{cn_date(Q3)}）",
                    notes=["注：2024年1月1日起新认证执行GB/T 29490-2023，证书有效期三年。"],
                    widths={2: 36, 3: 22, 4: 12, 5: 18})
        ws3 = wb.create_sheet("说明")
        text = [
            "说明",
            "1. 本工作簿汇总云溪区获得国家知识产权示范企业、优势企业称号及通过知识产权管理体系（贯标）认证的企业。",
            "2. 示范企业、优势企业按国家知识产权局公布的批次年度填写“认定年度”，有效期三年，到期须参加复核。",
            "3. 同一企业由优势企业晋升为示范企业的，两条记录均保留。",
            "4. 贯标企业以认证机构颁发的证书为准，证书过期未再认证的企业仍保留在名单中，请以“有效期至”判断。",
            f"5. 联系人：{BUREAU}知识产权科，电话 0571-8888xxxx。",
        ]
        for i, t in enumerate(text, 1):
            put(ws3, i, 1, t).font = Font(bold=(i == 1))
        ws3.column_dimensions["A"].width = 100
        save_wb(wb, self.out / fname)
        self.facts[fname] = {
            "sheets": {"示范优势企业": {"header_row": 2, "first_data_row": 3, "data_rows": len(rows)},
                       "贯标企业": {"header_row": 2, "first_data_row": 3, "data_rows": len(rows2)},
                       "说明": {"data_rows": 0, "note": "prose only; not a table"}},
            "as_of": Q3.isoformat(), "rejects": [], "warnings": []}
        # the same 贯标 list without a 类别 column, for the --set 类别=贯标 demo
        fname2 = "贯标企业名单_无类别列.xlsx"
        wb = new_wb()
        ws = wb.active
        ws.title = "Sheet1"
        write_sheet(ws, ["序号", "企业名称", "统一社会信用代码", "证书编号", "发证日期", "有效期至"],
                    self.ipstd_rows(with_category=False),
                    title=f"{DISTRICT}贯标企业名单（截至{cn_date(Q3)}）", widths={2: 36, 3: 22, 4: 18})
        save_wb(wb, self.out / fname2)
        self.facts[fname2] = {"sheet": "Sheet1", "header_row": 2, "first_data_row": 3, "data_rows": len(rows2),
                              "rejects": [], "warnings": [],
                              "note": "same 25 certificates as sheet 贯标企业 of 知识产权荣誉企业名单.xlsx, no 类别 column "
                                      "(import with --set 类别=贯标); importing both changes no figure"}

    def ipstd_rows(self, with_category: bool):
        d = self.d
        out = []
        for i, r in enumerate(d.ipstd, 1):
            row = [i, d.ents[r["holder"]].name_q3, d.ents[r["holder"]].code]
            if with_category:
                row.append("贯标企业")
            row += [r["certno"], date_value(r["issued"], "date"), date_value(r["valid_to"], "date")]
            out.append(row)
        return out

    # ------------------------------------------------------------------ awards, projects
    def awards(self):
        d = self.d
        fname = "中国专利奖获奖名单.xlsx"
        rows = []
        for i, a in enumerate(d.awards, 1):
            p = a["patent"]
            holders = "；".join(d.holder_name(h, "Q3") for h in p.views["Q3"].holders)
            rows.append([i, f"ZL{p.body}.{p.chk}", p.title, holders, a["level"], a["session"], a["year"]])
        wb = new_wb()
        ws = wb.active
        ws.title = "中国专利奖"
        write_sheet(ws, ["序号", "专利号", "专利名称", "专利权人", "奖项等级", "届次", "获奖年度"], rows,
                    title=f"{DISTRICT}企业获中国专利奖情况", widths={2: 22, 3: 40, 4: 40})
        save_wb(wb, self.out / fname)
        self.facts[fname] = {"sheet": "中国专利奖", "header_row": 2, "first_data_row": 3, "data_rows": len(rows),
                             "rejects": [], "warnings": []}

    def projects(self):
        d = self.d
        fname = "专利导航及高价值专利培育项目.xlsx"
        rows = []
        for i, (name, typ, kind, level, lead, year, appr, status, amt) in enumerate(d.projects, 1):
            rows.append([i, name, typ, kind or None, level, lead, year,
                         date_value(appr, "date") if appr else None, status, amt])
        wb = new_wb()
        ws = wb.active
        ws.title = "项目"
        write_sheet(ws, ["序号", "项目名称", "项目类型", "导航类别", "级别", "承担单位", "立项年度", "立项日期", "项目状态",
                         "资助金额（万元）"], rows,
                    title=f"{DISTRICT}专利导航及高价值专利组合培育项目汇总表",
                    unit_line=f"填报单位：{BUREAU}　　　　金额单位：万元",
                    notes=["注：项目状态为“推荐”“拟立项”的尚未获批。"], widths={2: 44, 3: 18, 6: 40})
        save_wb(wb, self.out / fname)
        self.facts[fname] = {"sheet": "项目", "header_row": 3, "first_data_row": 4, "data_rows": len(rows),
                             "rejects": [], "warnings": []}

    # ------------------------------------------------------------------ pledges
    def pledges(self):
        d = self.d
        fname = "质押融资台账_2026.xlsx"
        rows = []
        for i, ln in enumerate(d.loans, 1):
            items = []
            for it in ln["items"]:
                items.append(f"{it.body}.{it.chk}" if isinstance(it, Patent) else it.regno)
            if ln["start"].day % 3 == 0:
                term = f"{ln['start']:%Y}年{ln['start'].month}月{ln['start'].day}日至{ln['end']:%Y}年{ln['end'].month}月{ln['end'].day}日"
            else:
                term = f"{ln['start'].year}.{ln['start'].month}.{ln['start'].day}-{ln['end'].year}.{ln['end'].month}.{ln['end'].day}"
            style = "dot" if i % 7 == 3 else "date"
            rows.append([i, d.ents[ln["pledgor"]].name_q3, d.ents[ln["pledgor"]].code, ln["bank"],
                         ln.get("amount_written", ln["amount"]), date_value(ln["date"], style), ln["regno"], term,
                         ln["kind"], "；".join(items)])
        total = ["合计", None, None, None, sum(ln["amount"] for ln in d.loans), None, None, None, None,
                 f"共{len(d.loans)}笔"]
        wb = new_wb()
        ws = wb.active
        ws.title = "2026年"
        write_sheet(ws, ["序号", "出质人", "统一社会信用代码", "质权人", "融资金额（万元）", "质押登记日", "质押登记号",
                         "质押期限", "质押物类型", "质押物"], rows, total=total,
                    title=f"{DISTRICT}2026年知识产权质押融资台账（截至{cn_date(Q3)}）",
                    unit_line=f"填报单位：{BUREAU}　　　　金额单位：万元",
                    notes=["注：质押物为专利的填写申请号，为商标的填写注册号；同一笔贷款质押多件的用“；”分隔。"],
                    widths={2: 34, 3: 22, 4: 34, 5: 12, 6: 12, 7: 24, 8: 26, 9: 10, 10: 60})
        save_wb(wb, self.out / fname)
        first = 4
        self.facts[fname] = {
            "sheet": "2026年", "as_of": Q3.isoformat(), "header_row": 3, "first_data_row": first,
            "data_rows": len(rows), "total_row": first + len(rows), "total_row_amount_wan": total[4],
            "rejects": [], "warnings": [],
            "other_mess_rows": {
                "amount_written_with_unit": [{"row": first + 12, "value": "500万元", "wan": 500},
                                             {"row": first + 20, "value": "0.12亿元", "wan": 1200}],
                "five_patents_one_loan": [first + 5],
                "registered_in_2025": [first],
            },
        }

    def funds(self):
        d = self.d
        fname = "专项资金申报_2026年度.xlsx"
        rows = []
        for i, f in enumerate(d.funds, 1):
            name = d.ents[f["holder"]].name_q3
            if f["holder"] == "E03":
                name = halfwidth_brackets(name)
            rows.append([i, name, f["category"], f["amount"]])
        total = ["合计", None, None, sum(f["amount"] for f in d.funds)]
        wb = new_wb()
        ws = wb.active
        ws.title = "拟资助名单"
        write_sheet(ws, ["序号", "企业名称", "项目类别", "申报金额（万元）"], rows, total=total,
                    title=f"2026年度{DISTRICT}知识产权专项资金拟资助名单",
                    unit_line="单位：万元",
                    notes=["注：以上名单公示期为5个工作日，公示无异议后拨付。"], widths={2: 36, 3: 28, 4: 16})
        save_wb(wb, self.out / fname)
        self.facts[fname] = {"sheet": "拟资助名单", "header_row": 3, "first_data_row": 4, "data_rows": len(rows),
                             "total_row": 4 + len(rows), "rejects": [], "warnings": [],
                             "note": "no date column: dated by the year in the title (2026年度) / the as-of given at import"}

    def cases(self):
        d = self.d
        fname = "商标违法案件_2026.csv"
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(["案件编号", "案件名称", "当事人", "案件类型", "立案日期", "结案日期", "案值（万元）", "罚没款（万元）"])
        for c in d.cases:
            st = c["date_style"]
            fmt = (lambda x, st=st: date_value(x, st) if x else "")  # noqa: E731
            w.writerow([c["no"], c["title"], c["party"], c["kind"], fmt(c["opened"]), fmt(c["closed"]),
                        f"{c['value']:.2f}", f"{c['fine']:.2f}" if c["fine"] is not None else ""])
        (self.out / fname).write_bytes(buf.getvalue().encode("gbk"))
        self.facts[fname] = {"encoding": "GBK", "header_row": 1, "first_data_row": 2, "data_rows": len(d.cases),
                             "rejects": [], "warnings": [], "open_cases": sum(1 for c in d.cases if not c["closed"])}


# =============================================================================
# README and facts
# =============================================================================

def write_readme(demo: Demo, out: Path, facts: dict):
    F = facts["files"]
    q3 = F["专利清单_2026Q3.xlsx"]
    rej = "；".join(f"第{r['row']}行（{r['reason_zh']}）" for r in q3["rejects"])
    warn = q3["warnings"][0]
    dup = q3["duplicates"][0]
    legacy_warn = F["专利清单_补充_老系统导出.xls"]["warnings"][0]
    tmp = F["商标清单_2026Q3.xlsx"]["planted_rows"]
    pl = F["质押融资台账_2026.xlsx"]
    text = f"""# 演示数据：云溪区（虚构）

本目录是一个虚构的“云溪区市场监督管理局知识产权科”收到的全部表格，用于演示 ipdb：
导入整个目录，计算 2026年第三季度（截至2026年9月30日）与第二季度（截至2026年6月30日）的
主要指标和企业排名，并生成简报。所有企业、专利、商标均为虚构；统一社会信用代码和专利申请号
的校验位按国家标准计算，因此能通过校验，但与真实主体无关。

由 `tools/make_demo.py` 生成（固定随机种子，可重复生成）；生成器自己的“标准答案”见
`tools/demo_facts.json`。

## 文件一览

| 文件 | 内容 | 截至日期 | 是否完整快照 |
| --- | --- | --- | --- |
| 企业名录_2026Q2.xlsx | 企业名录（{F['企业名录_2026Q2.xlsx']['data_rows']}家） | 2026-06-30 | 名录 |
| 企业名录_2026Q3.xlsx | 企业名录（{F['企业名录_2026Q3.xlsx']['data_rows']}家；1家更名，2家新增） | 2026-09-30 | 名录 |
| 专利清单_2026Q2.xlsx | 全区专利（含审中、失效），{F['专利清单_2026Q2.xlsx']['data_rows']}行 | 2026-06-30 | **是**（`--snapshot`） |
| 专利清单_2026Q3.xlsx | 全区专利（含审中、失效），{q3['data_rows']}行 | 2026-09-30 | **是**（`--snapshot`） |
| 专利清单_补充_老系统导出.xls | 老系统导出的20件老专利（无标题行，表头为“专利号”“权利人”） | 2025-12-31 | 否（只补充，不因缺失而结束任何专利） |
| 商标清单_2026Q3.xlsx | 全区注册商标及申请中商标，{F['商标清单_2026Q3.xlsx']['data_rows']}行 | 2026-09-30 | **是**（`--snapshot`） |
| 马德里国际商标_2026.xlsx | 马德里国际注册，{F['马德里国际商标_2026.xlsx']['data_rows']}行（含1行后期指定） | 2026-09-30 | 否 |
| 驰名商标名单.xlsx | 中国驰名商标认定记录，5行（1件商标两次认定） | 2026-09-30 | 否 |
| 知识产权荣誉企业名单.xlsx | “示范优势企业”“贯标企业”两张表 + “说明”（文字） | 2026-09-30 | 否 |
| 贯标企业名单_无类别列.xlsx | 与上表“贯标企业”相同，但没有“类别”列（演示 `--set 类别=贯标`） | 2026-09-30 | 否 |
| 中国专利奖获奖名单.xlsx | 中国专利奖，6行 | 2026-09-30 | 否 |
| 专利导航及高价值专利培育项目.xlsx | 项目，{F['专利导航及高价值专利培育项目.xlsx']['data_rows']}行（“推荐”“拟立项”不算立项） | 2026-09-30 | 否 |
| 质押融资台账_2026.xlsx | 2026年质押融资，{pl['data_rows']}笔，末行为“合计” | 2026-09-30 | 否 |
| 专项资金申报_2026年度.xlsx | 2026年度专项资金拟资助名单（无日期列，年度取自标题） | 2026（标题） | 否 |
| 商标违法案件_2026.csv | 商标违法案件（GBK编码） | 2026-09-30 | 否 |

“完整快照”的意思是：该文件就是截至该日全区此类权利的全部清单——上一份快照里有、这一份里
没有的专利，视为在这一天离开本区（转出）；这一份里第一次出现的，视为在这一天进入本区（转入）。

## 故意埋下的问题（导入报告里应能看到）

专利清单_2026Q3.xlsx（表头在第3行，数据从第4行开始）：

* 拒收（不入库）：{rej}。
* 警告（保留该行）：第{warn['row']}行申请号 `{warn['value']}` 校验位错误（应为 {warn['reason'].split('computed ')[1][0]}）。
* 重复行：第{dup['row']}行与第{dup['duplicate_of_row']}行完全相同。
* 其他“正常的乱”：申请号写成 `CN…`、`ZL…`、`ZL 2018 1 0119917.1` 式带空格、无小数点、不带校验位、
  全角数字（第{q3['other_mess_rows']['fullwidth_application_no'][0]}行）、数值型单元格；日期列混有 Excel 日期、`2019.3.5`、
  `2019年3月5日`、`20190305` 和日期序列号；多个专利权人用“；”或“; ”分隔；部分企业名称用半角括号；
  杭州海澄微电子股份有限公司的3件专利仍登记在曾用名“杭州海澄电子科技有限公司”下；8位老申请号
  （2001—2003年申请，均已届满终止）。

两季之间的变化（对照 Q2 与 Q3 两份专利清单）：约10件新授权；2件在Q3显示“失效”但没有失效日
（Q2仍计为有效）；1件在季度内失效并给出失效日；1件转出（Q3清单中消失）；1件老专利转入；
1件在两家区内企业之间转让；“杭州数策软件技术有限公司”更名为“杭州数策智能科技有限公司”
（信用代码不变，Q3名录的“曾用名”列记录旧名，Q3专利清单已显示新名）。

专利清单_补充_老系统导出.xls：第{legacy_warn['row']}行专利号是数值单元格，丢了开头的0（警告）；
有1件1988年的专利号没有校验位（合法）。

商标清单_2026Q3.xlsx：专用权期限在第三季度内届满且未续展（第{'、'.join(map(str, tmp['term_ended_in_q3']))}行，
Q2计入、Q3不计）；期限恰好到2026年9月30日（第{tmp['term_ends_on_q3'][0]}行，Q3仍计入）；期限到2026年6月29日
（第{tmp['term_ended_before_q2'][0]}行，Q2已不计）；续展后新期限在Q3开始（第{'、'.join(map(str, tmp['renewal_starts_in_q3']))}行，两季都计入）；
“无效”但无日期（第{'、'.join(map(str, tmp['invalidated_no_date']))}行）；国际分类写成 `9`、`09`、`第9类`、`第三十五类`。

质押融资台账_2026.xlsx：第{pl['other_mess_rows']['amount_written_with_unit'][0]['row']}行金额写作“500万元”，第{pl['other_mess_rows']['amount_written_with_unit'][1]['row']}行写作“0.12亿元”；
第{pl['first_data_row']}行质押登记日在2025年12月（不计入2026年）；第{pl['other_mess_rows']['five_patents_one_loan'][0]}行一笔贷款质押5件专利（金额只算一次）；
第{pl['total_row']}行为“合计”。

## 建议的导入方式

各文件的截至日期见上表（多数可从标题“截至……”读出）。两份专利清单和商标清单按完整快照导入；
老系统导出的 .xls 没有标题行，请指定截至日期 2025-12-31，且不要按快照导入。
"""
    (out / "README.md").write_text(text, encoding="utf-8")


def build_facts(demo: Demo) -> dict:
    D2, D3 = Q2, Q3
    f2, f3 = demo.figures_at(D2), demo.figures_at(D3)
    lists = {"2026-06-30": f2.pop("_lists"), "2026-09-30": f3.pop("_lists")}
    nav = [p for p in demo.projects if p[1] == "专利导航"]
    approved = ("立项", "获批", "在建", "实施中", "已验收", "结项")
    nav26 = [p for p in nav if p[5] == 2026 and p[7] in approved]
    hv26 = [p for p in demo.projects if p[1] == "高价值专利组合培育" and p[5] == 2026 and p[7] in approved]

    def split(rows, idx):
        out = {}
        for r in rows:
            out[r[idx]] = out.get(r[idx], 0) + 1
        return dict(sorted(out.items()))
    S = demo.story
    ids = lambda ps: [f"{p.body}.{p.chk}" for p in ps]  # noqa: E731
    awards_by_year = {}
    for a in demo.awards:
        awards_by_year.setdefault(str(a["year"]), {}).setdefault(a["level"], 0)
        awards_by_year[str(a["year"])][a["level"]] += 1
    facts = {
        "about": "Ground truth of the 云溪区 demo (imports/demo/), computed by tools/make_demo.py from its internal "
                 "model following domain.md Part I - not by reading the files back.",
        "seed": SEED,
        "as_of_dates": {"2026Q2": D2.isoformat(), "2026Q3": D3.isoformat()},
        "import_plan": {
            "专利清单_2026Q2.xlsx": {"as_of": "2026-06-30", "snapshot": True},
            "专利清单_2026Q3.xlsx": {"as_of": "2026-09-30", "snapshot": True},
            "专利清单_补充_老系统导出.xls": {"as_of": LEGACY_ASOF.isoformat(), "snapshot": False},
            "商标清单_2026Q3.xlsx": {"as_of": "2026-09-30", "snapshot": True},
            "企业名录_2026Q2.xlsx": {"as_of": "2026-06-30"}, "企业名录_2026Q3.xlsx": {"as_of": "2026-09-30"},
            "other files": {"as_of": "2026-09-30 (or the date/year in the title)", "snapshot": False},
        },
        "files": demo.files,
        "figures": {
            "2026-06-30": f2,
            "2026-09-30": f3,
            "2026Q3": demo.flows(Q3_START, D3),
            "2026YTD": demo.flows(YEAR_START, D3),
            "2026": {
                "navigation_projects": len(nav26),
                "navigation_projects_by_kind": split(nav26, 2),
                "navigation_projects_by_level": split(nav26, 3),
                "high_value_portfolio_projects": len(hv26),
                "fund_enterprises": len({f["holder"] for f in demo.funds}),
                "fund_amount_wan": sum(f["amount"] for f in demo.funds),
            },
            "patent_awards_by_year": dict(sorted(awards_by_year.items())),
        },
        "rankings": {"invention_patents": {"2026-06-30": demo.ranking(D2), "2026-09-30": demo.ranking(D3)}},
        "invention_patents_by_town": {"2026-06-30": demo.by_town(D2), "2026-09-30": demo.by_town(D3)},
        "lists": lists,
        "story": {
            "renamed_in_q3": {"code": demo.ents["E05"].code, "old": demo.ents["E05"].name_q2,
                              "new": demo.ents["E05"].name_q3},
            "former_name_in_both_lists": {"code": demo.ents["E04"].code, "former": FORMER_NAMES["E04"],
                                          "patents_under_former_name": ids(S["former_name"])},
            "new_enterprises_q3": [demo.ents[k].code for k in NEW_IN_Q3],
            "new_grants_q3": ids(S["new_grants_q3"]),
            "new_applications_q3": ids(S["new_applications_q3"]),
            "lapsed_no_date_q3": ids(S["lapsed_no_date_q3"]),
            "lapsed_dated_q3": ids(S["lapsed_dated_q3"]),
            "transferred_out": ids(S["transferred_out"]),
            "transferred_in": ids(S["transferred_in"]),
            "moved": {"patent": ids(S["moved"])[0], "from": demo.ents["E02"].code, "to": demo.ents["E06"].code},
            "ten_year_boundary": ids(S["ten_year_boundary"]),
            "pct_route_10y": ids(S["pct_10y"]),
            "co_held_enterprise_pair": ids([p for p in S["co_held"] if "E04+E10" in p.tag]),
        },
        "notes": {
            "invention_patents": "Distinct patents of type digit 1 or 8 in force on D. For D the register is the latest "
                                 "complete snapshot on or before D (Q2 list for 2026-06-30, Q3 list for 2026-09-30); "
                                 "the legacy .xls (as-of 2025-12-31, not a snapshot) adds nothing at either date. "
                                 "In force = status not pending, granted on or before D, and end date after D, where "
                                 "end = 失效日 if given, else the export's as-of date when the status is dead "
                                 "(失效/未缴年费专利权终止/届满终止). 等年费滞纳金 is in force. Rejected rows are "
                                 "excluded; the wrong-check row is kept; the duplicate row counts once.",
            "invention_patents_10y": "Of invention_patents, D >= 申请日 + 10 years (anniversary reached). One invention "
                                     "filed 2016-09-30 counts at 2026-09-30 exactly; one filed 2016-08-10 counts at Q3 "
                                     "only; a PCT-route patent numbered 2017… with 申请日 2016-04-12 counts at both.",
            "patents_in_force": "Same rule as invention_patents for all types; by_type 发明 includes type 8.",
            "Q2_vs_Q3_patents": "A patent listed at Q2 but not at Q3 (transferred out) counts at Q2 only; the patent "
                                "first listed at Q3 (transferred in, granted 2015) counts at Q3 only; the two rows "
                                "dead at Q3 without a date count at Q2 (Q2 list says in force).",
            "trademarks_registered": "Registrations (number + class) of the Q3 trademark snapshot. For 2026-06-30 (before "
                                     "the first trademark snapshot) each mark's own dates decide. Counted when "
                                     "注册公告日期 <= D, status not pending, term end (专用权期限 as last known, renewals "
                                     "included) not before D (end >= D; a term ending exactly 2026-09-30 counts on "
                                     "2026-09-30), and not 注销/无效 on or before D - 注销/无效 without a date = ended "
                                     "2026-09-30 (snapshot date), so the two invalidated marks with running terms count "
                                     "at 2026-06-30 only. Cancelled (注销) marks' terms all ended before 2026.",
            "madrid_registrations": "Distinct 国际注册号 with 国际注册日期 <= D and 到期日期 > D and status 有效; the 后期指定 "
                                    "row repeats an IR number; one IR dated 2026-08-18 counts at Q3 only; one expired "
                                    "2025-03-10.",
            "well_known_marks": "Distinct registration numbers with 认定年份 <= D's year; the mark recognised in 2015 "
                                "and 2023 counts once.",
            "ip_standard_enterprises": "Distinct enterprises with 发证日期 <= D and 有效期至 >= D (not expired before D): "
                                       "one certified 2026-08-18 (Q3 only), one valid to 2026-08-14 (Q2 only), two "
                                       "expired in 2025.",
            "national_demo_enterprises": "Rows 类别=国家知识产权示范企业 with 认定年度 <= D's year and (有效期至 empty or >= D).",
            "national_advantage_enterprises": "Same for 国家知识产权优势企业; one valid to 2026-07-31 (Q2 only), one to "
                                              "2025-07-31, one with empty 有效期至 (counts), E01's old 2020 advantage "
                                              "designation (to 2023-07-31) does not count.",
            "pledge": "Loans with 质押登记日 in the period; amount in 万元 counted once per loan ('500万元' = 500, "
                      "'0.12亿元' = 1200); the loan registered 2025-12-26 is outside 2026. The 合计 row is not a loan.",
            "patent_grants": "Distinct patents (Q2/Q3 exports) with 授权公告日 in the period (flow).",
            "trademark_cases_closed": "Cases with 结案日期 in the period; open cases (empty 结案日期) never count.",
            "navigation_projects": "专利导航 rows with 立项年度 2026 and status 立项/在建 (推荐 and 拟立项 excluded).",
            "high_value_portfolio_projects": "高价值专利组合培育 rows with 立项年度 2026 and an approval status.",
            "fund": "All rows of the 2026年度 list (dated by the title year); one enterprise name written with half-width "
                    "brackets; enterprises counted distinct.",
            "rankings": "Valid invention patents per enterprise of the list, each co-holder credited in full, holders "
                        "linked by code, normalised name, or 曾用名 (E04's three patents under its former name count "
                        "for it). Names as of D (the renamed enterprise shows its old name at 2026-06-30). Ties share "
                        "a rank; the top-5 boundary has no tie at either date.",
            "invention_patents_by_town": "Distinct invention patents in force per town (each right once per town).",
            "identifiers": "lists.* give patent keys as the application-number body (no check character), Madrid as "
                           "国际注册号, enterprises as 统一社会信用代码; story.* give application numbers with check char.",
            "old_8digit_numbers": "The 8-digit numbers (filed 1988-2003) are all past their 20/10-year term and dead "
                                  "(届满终止/未缴年费专利权终止), so no 8-digit patent counts as in force or as 10年以上; "
                                  "the 10年以上 stock comes from 12-digit inventions filed 2008-2016.",
        },
    }
    return facts


def check_identifiers(demo: Demo):
    assert uscc_check("91440300192203821") == "6"
    assert org_check("19220382") == "1"
    assert pat_check("201610311380") == "X" and pat_check("97101765") == "4"
    for e in demo.ents.values():
        assert uscc_check(e.code[:17]) == e.code[17] and org_check(e.code[8:16]) == e.code[16]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--facts", type=Path, default=DEFAULT_FACTS)
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    args.facts.parent.mkdir(parents=True, exist_ok=True)

    demo = Demo()
    demo.build_enterprises()
    demo.build_patents()
    demo.build_legacy()
    demo.build_trademarks()
    demo.build_madrid()
    demo.build_wellknown()
    demo.build_honours()
    demo.build_awards()
    demo.build_projects()
    demo.build_loans()
    demo.build_funds()
    demo.build_cases()
    check_identifiers(demo)

    w = Writer(demo, args.out)
    w.enterprise_list("Q2")
    w.enterprise_list("Q3")
    w.patent_list("Q2")
    w.patent_list("Q3")
    w.legacy_xls()
    w.trademark_list()
    w.madrid_list()
    w.wellknown_list()
    w.honours()
    w.awards()
    w.projects()
    w.pledges()
    w.funds()
    w.cases()

    facts = build_facts(demo)
    write_readme(demo, args.out, facts)
    args.facts.write_text(json.dumps(facts, ensure_ascii=False, indent=1, default=str) + "\n", encoding="utf-8")
    total = sum(p.stat().st_size for p in args.out.iterdir())
    print(f"wrote {len(list(args.out.iterdir()))} files to {args.out} ({total / 1024:.0f} KiB), facts to {args.facts}")


if __name__ == "__main__":
    main()
