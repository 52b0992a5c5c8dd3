window.DANGAN_DOC_NUMBERS = {
"云政办〔2020〕7号": "cited/yunzhengban-2020-7/index.html",
"云政办〔2023〕21号": "yzgb/2023/5/yunzhengban-2023-21/index.html",
"云政办〔2023〕23号": "yzgb/2023/5/yunzhengban-2023-23/index.html",
"云政发〔2015〕31号": "cited/yunzhengfa-2015-31/index.html",
"云政发〔2023〕8号": "yzgb/2023/5/yunzhengfa-2023-8/index.html",
"云政规〔2018〕2号": "cited/yunzhenggui-2018-2/index.html"
};
