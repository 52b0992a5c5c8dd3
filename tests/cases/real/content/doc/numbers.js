window.DANGAN_DOC_NUMBERS = {
"国办发〔2021〕49号": "cited/guobanfa-2021-49/index.html",
"柳政函〔2021〕185号": "cited/liuzhenghan-2021-185/index.html",
"柳政办〔2019〕90号": "cited/liuzhengban-2019-90/index.html",
"柳政办〔2022〕59号": "lzgb/2024/10/liuzhengban-2022-59/index.html",
"柳政办〔2022〕61号": "lzgb/2024/10/liuzhengban-2022-61/index.html",
"柳政办〔2022〕62号": "lzgb/2024/10/liuzhengban-2022-62/index.html",
"柳政办〔2022〕63号": "lzgb/2024/10/liuzhengban-2022-63/index.html",
"柳政办〔2022〕65号": "lzgb/2024/10/liuzhengban-2022-65/index.html",
"柳政办〔2022〕69号": "lzgb/2024/10/liuzhengban-2022-69/index.html",
"柳政办〔2022〕70号": "lzgb/2024/10/liuzhengban-2022-70/index.html",
"柳政办〔2022〕71号": "lzgb/2024/10/liuzhengban-2022-71/index.html",
"柳政办〔2022〕72号": "lzgb/2024/10/liuzhengban-2022-72/index.html",
"柳政办〔2022〕74号": "lzgb/2024/10/liuzhengban-2022-74/index.html",
"桂政办函〔2021〕39号": "cited/guizhengbanhan-2021-39/index.html",
"桂政办发〔2021〕141号": "cited/guizhengbanfa-2021-141/index.html",
"桂政办发〔2022〕39号": "cited/guizhengbanfa-2022-39/index.html"
};
