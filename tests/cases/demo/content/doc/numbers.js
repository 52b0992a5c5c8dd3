window.DANGAN_DOC_NUMBERS = {
"国办发〔2021〕46号": "cited/guobanfa-2021-46/index.html",
"清政办〔2021〕33号": "cited/qingzhengban-2021-33/index.html",
"清政办〔2025〕12号": "qjgb/2025/3/qingzhengban-2025-12/index.html",
"清政办〔2025〕14号": "qjgb/2025/3/qingzhengban-2025-14/index.html",
"清政发〔2025〕3号": "qjgb/2025/3/qingzhengfa-2025-3/index.html"
};
