"""Names of the runtimes ``jscell.execjs.get`` knows: PyExecJS's, plus ``JSCell``.

``Node`` resolves to the jscell runtime, since existing scripts ask for node by name.
"""

JSCell = "JSCell"
PyV8 = "PyV8"
Node = "Node"
JavaScriptCore = "JavaScriptCore"
SpiderMonkey = "SpiderMonkey"
JScript = "JScript"
PhantomJS = "PhantomJS"
SlimerJS = "SlimerJS"
Nashorn = "Nashorn"
