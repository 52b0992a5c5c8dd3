window.DANGAN_DOC_NUMBERS = {
"清政办〔2024〕9号": "qjgb/2024/5/qingzhengban-2024-9/index.html",
"清江市人民政府令第12号": "qjgb/2024/5/qingjiangshirenminzhengfuling-12/index.html",
"清江市人民政府公告第3号": "qjgb/2024/5/qingjiangshirenminzhengfugonggao-3/index.html"
};
