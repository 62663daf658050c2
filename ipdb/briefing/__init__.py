"""The quarterly briefing (季度简报): ``model`` (plain data), ``build`` (from the figures), ``xlsx`` and ``docx``
(the workbook and the Word document, saved through ipdb.files)."""
