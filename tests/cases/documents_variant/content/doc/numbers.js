window.DANGAN_DOC_NUMBERS = {
"清政办〔2019〕3号": "cited/qingzhengban-2019-3/index.html",
"清政办〔2024〕7号": "qjfg/qingzhengban-2024-7/index.html"
};
