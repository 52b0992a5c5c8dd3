window.DANGAN_DOC_NUMBERS = {
"劳社部发〔2000〕8号": "cited/laoshebufa-2000-8/index.html",
"劳社部发〔2008〕3号": "flfg/laoshebufa-2008-3/index.html"
};
