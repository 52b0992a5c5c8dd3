window.DANGAN_DOC_NUMBERS = {
"清政办〔2025〕20号": "qjgb/2025/4/qingzhengban-2025-20/index.html",
"清政发〔2025〕3号": "qjgb/2025/4/qingzhengfa-2025-3/index.html"
};
