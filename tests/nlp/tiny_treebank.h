// Internal to the nlp tests: a tiny hand-made treebank (UD English-EWT
// conventions; sentence 7 is non-projective) for the oracle, training and
// round-trip tests.
#pragma once

namespace kestrel::testing {

inline constexpr const char* kTinyTreebank = R"conllu(# sent_id = t1
# text = The minister met the president in Minsk.
1	The	the	DET	DT	Definite=Def|PronType=Art	2	det	_	_
2	minister	minister	NOUN	NN	Number=Sing	3	nsubj	_	_
3	met	meet	VERB	VBD	Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin	0	root	_	_
4	the	the	DET	DT	Definite=Def|PronType=Art	5	det	_	_
5	president	president	NOUN	NN	Number=Sing	3	obj	_	_
6	in	in	ADP	IN	_	7	case	_	_
7	Minsk	Minsk	PROPN	NNP	Number=Sing	3	obl	_	SpaceAfter=No
8	.	.	PUNCT	.	_	3	punct	_	_

# sent_id = t2
# text = Protesters were arrested by police on Monday.
1	Protesters	protester	NOUN	NNS	Number=Plur	3	nsubj:pass	_	_
2	were	be	AUX	VBD	Mood=Ind|Number=Plur|Person=3|Tense=Past|VerbForm=Fin	3	aux:pass	_	_
3	arrested	arrest	VERB	VBN	Tense=Past|VerbForm=Part|Voice=Pass	0	root	_	_
4	by	by	ADP	IN	_	5	case	_	_
5	police	police	NOUN	NN	Number=Sing	3	obl:agent	_	_
6	on	on	ADP	IN	_	7	case	_	_
7	Monday	Monday	PROPN	NNP	Number=Sing	3	obl	_	SpaceAfter=No
8	.	.	PUNCT	.	_	3	punct	_	_

# sent_id = t3
# text = China will send troops to the border.
1	China	China	PROPN	NNP	Number=Sing	3	nsubj	_	_
2	will	will	AUX	MD	VerbForm=Fin	3	aux	_	_
3	send	send	VERB	VB	VerbForm=Inf	0	root	_	_
4	troops	troop	NOUN	NNS	Number=Plur	3	obj	_	_
5	to	to	ADP	IN	_	7	case	_	_
6	the	the	DET	DT	Definite=Def|PronType=Art	7	det	_	_
7	border	border	NOUN	NN	Number=Sing	3	obl	_	SpaceAfter=No
8	.	.	PUNCT	.	_	3	punct	_	_

# sent_id = t4
# text = The talks ended without an agreement, officials said.
1	The	the	DET	DT	Definite=Def|PronType=Art	2	det	_	_
2	talks	talk	NOUN	NNS	Number=Plur	3	nsubj	_	_
3	ended	end	VERB	VBD	Mood=Ind|Number=Plur|Person=3|Tense=Past|VerbForm=Fin	9	ccomp	_	_
4	without	without	ADP	IN	_	6	case	_	_
5	an	a	DET	DT	Definite=Ind|PronType=Art	6	det	_	_
6	agreement	agreement	NOUN	NN	Number=Sing	3	obl	_	SpaceAfter=No
7	,	,	PUNCT	,	_	9	punct	_	_
8	officials	official	NOUN	NNS	Number=Plur	9	nsubj	_	_
9	said	say	VERB	VBD	Mood=Ind|Number=Plur|Person=3|Tense=Past|VerbForm=Fin	0	root	_	SpaceAfter=No
10	.	.	PUNCT	.	_	9	punct	_	_

# sent_id = t5
# text = Rebels attacked a convoy and killed two soldiers.
1	Rebels	rebel	NOUN	NNS	Number=Plur	2	nsubj	_	_
2	attacked	attack	VERB	VBD	Mood=Ind|Number=Plur|Person=3|Tense=Past|VerbForm=Fin	0	root	_	_
3	a	a	DET	DT	Definite=Ind|PronType=Art	4	det	_	_
4	convoy	convoy	NOUN	NN	Number=Sing	2	obj	_	_
5	and	and	CCONJ	CC	_	6	cc	_	_
6	killed	kill	VERB	VBD	Mood=Ind|Number=Plur|Person=3|Tense=Past|VerbForm=Fin	2	conj	_	_
7	two	two	NUM	CD	NumForm=Word|NumType=Card	8	nummod	_	_
8	soldiers	soldier	NOUN	NNS	Number=Plur	6	obj	_	SpaceAfter=No
9	.	.	PUNCT	.	_	2	punct	_	_

# sent_id = t6
# text = Who did the government blame for the attack?
1	Who	who	PRON	WP	PronType=Int	5	obj	_	_
2	did	do	AUX	VBD	Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin	5	aux	_	_
3	the	the	DET	DT	Definite=Def|PronType=Art	4	det	_	_
4	government	government	NOUN	NN	Number=Sing	5	nsubj	_	_
5	blame	blame	VERB	VB	VerbForm=Inf	0	root	_	_
6	for	for	ADP	IN	_	8	case	_	_
7	the	the	DET	DT	Definite=Def|PronType=Art	8	det	_	_
8	attack	attack	NOUN	NN	Number=Sing	5	obl	_	SpaceAfter=No
9	?	?	PUNCT	.	_	5	punct	_	_

# sent_id = t7
# text = A hearing is scheduled on the issue today.
1	A	a	DET	DT	Definite=Ind|PronType=Art	2	det	_	_
2	hearing	hearing	NOUN	NN	Number=Sing	4	nsubj:pass	_	_
3	is	be	AUX	VBZ	Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin	4	aux:pass	_	_
4	scheduled	schedule	VERB	VBN	Tense=Past|VerbForm=Part|Voice=Pass	0	root	_	_
5	on	on	ADP	IN	_	7	case	_	_
6	the	the	DET	DT	Definite=Def|PronType=Art	7	det	_	_
7	issue	issue	NOUN	NN	Number=Sing	2	nmod	_	_
8	today	today	NOUN	NN	Number=Sing	4	obl:unmarked	_	SpaceAfter=No
9	.	.	PUNCT	.	_	4	punct	_	_

# sent_id = t8
# text = She said that the plan would fail.
1	She	she	PRON	PRP	Case=Nom|Gender=Fem|Number=Sing|Person=3|PronType=Prs	2	nsubj	_	_
2	said	say	VERB	VBD	Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin	0	root	_	_
3	that	that	SCONJ	IN	_	7	mark	_	_
4	the	the	DET	DT	Definite=Def|PronType=Art	5	det	_	_
5	plan	plan	NOUN	NN	Number=Sing	7	nsubj	_	_
6	would	would	AUX	MD	VerbForm=Fin	7	aux	_	_
7	fail	fail	VERB	VB	VerbForm=Inf	2	ccomp	_	SpaceAfter=No
8	.	.	PUNCT	.	_	2	punct	_	_

)conllu";

}  // namespace kestrel::testing
