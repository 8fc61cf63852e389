"""The word an answer sheet puts before an answer ("Answer:", "Jibu:", "Sagot:", "Réponse :"), in the languages a
class writes in: one list, for the readers that look for it (a plain formula after it is the answer; a part's
label after it opens the part)."""
from __future__ import annotations

ANSWER_WORDS = (r"(?:answer|ans\.|antwort|lösung|réponse|respuesta|resposta|risposta|antwoord|odpowiedź|odpověď"
                r"|ответ|відповідь|cevap|yanıt|đáp\s+án|trả\s+lời|jawaban|jawapan|svar|vastaus|válasz|răspuns"
                r"|απάντηση|תשובה|الجواب|الإجابة|پاسخ|उत्तर|উত্তর|คำตอบ|解答|回答|答案|答え|답"
                # East Africa, the Pacific, the Andes
                r"|jibu|jawaab(?:ta)?|መልስ|መልሲ|igisubizo|okuddamu|deebii|sagot|tubag|valiny|tali|isau|pane"
                r"|kutichiy|mbohov[áa]i|jaysa|tlananquiliztli)")
